package io.clipstream.config;

/**
 * Where a setting's value came from, quoted in validation errors and in {@link
 * ClipstreamConfig#describe()} so that an operator knows which of file, environment or command line
 * to fix.
 *
 * @param kind the layer
 * @param detail the file path, environment variable name or flag; empty for defaults
 */
public record ConfigSource(Kind kind, String detail) {

  /** The layers, lowest precedence first. */
  public enum Kind {
    DEFAULT,
    FILE,
    ENVIRONMENT,
    FLAG
  }

  public static final ConfigSource DEFAULT = new ConfigSource(Kind.DEFAULT, "");

  static ConfigSource file(java.nio.file.Path path) {
    return new ConfigSource(Kind.FILE, path.toString());
  }

  static ConfigSource env(String variable) {
    return new ConfigSource(Kind.ENVIRONMENT, variable);
  }

  static ConfigSource flag(String key) {
    return new ConfigSource(Kind.FLAG, key);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case DEFAULT -> "default";
      case FILE -> "file " + detail;
      case ENVIRONMENT -> "environment variable " + detail;
      case FLAG -> "command-line flag " + detail;
    };
  }
}
