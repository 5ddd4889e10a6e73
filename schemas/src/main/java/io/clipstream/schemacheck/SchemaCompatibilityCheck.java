package io.clipstream.schemacheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Build step that fails when a contract is not compatible with every released version of it.
 *
 * <p>Released versions live in {@code schemas/src/released/<version>/}, one folder per release,
 * each a copy of {@code src/main/avro} as it shipped. A type that was released may change only in
 * ways its readers survive (add a field with a default, widen a type, ...) and may not disappear.
 */
public final class SchemaCompatibilityCheck {

  private final CompatibilityMode mode;

  public SchemaCompatibilityCheck(CompatibilityMode mode) {
    this.mode = mode;
  }

  /** One problem found: which release, which type, what is wrong. */
  public record Incompatibility(String release, String type, String problem) {
    @Override
    public String toString() {
      return type + " vs release " + release + ": " + problem;
    }
  }

  /** Compares the current schemas with every release folder under {@code releasedRoot}. */
  public List<Incompatibility> check(Path releasedRoot, Path currentDir) {
    SchemaSet current = SchemaSet.load(currentDir);
    List<Incompatibility> found = new ArrayList<>();
    for (Path release : releases(releasedRoot)) {
      String name = release.getFileName().toString();
      for (Map.Entry<String, Schema> old : SchemaSet.load(release).byFullName().entrySet()) {
        Schema now = current.byFullName().get(old.getKey());
        if (now == null) {
          found.add(
              new Incompatibility(
                  name,
                  old.getKey(),
                  "the type was released and is gone; restore it (deprecate it in its doc instead of deleting it)"));
          continue;
        }
        mode.problems(old.getValue(), now)
            .forEach(p -> found.add(new Incompatibility(name, old.getKey(), p)));
      }
    }
    return found;
  }

  static List<Path> releases(Path releasedRoot) {
    if (!Files.isDirectory(releasedRoot)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(releasedRoot)) {
      return children
          .filter(Files::isDirectory)
          .sorted(Comparator.comparing(Path::getFileName))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list released schema versions under " + releasedRoot, e);
    }
  }

  /**
   * Command line for the build: {@code --released DIR --current DIR [--mode
   * BACKWARD|FORWARD|FULL]}. Throws instead of calling {@code System.exit} because Maven runs it
   * inside its own JVM.
   */
  public static void main(String[] args) {
    Path released = null;
    Path current = null;
    CompatibilityMode mode = CompatibilityMode.BACKWARD;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--released" -> released = Path.of(args[i + 1]);
        case "--current" -> current = Path.of(args[i + 1]);
        case "--mode" ->
            mode = CompatibilityMode.valueOf(args[i + 1].toUpperCase(java.util.Locale.ROOT));
        default ->
            throw new IllegalArgumentException(
                "Unknown option "
                    + args[i]
                    + "; usage: --released DIR --current DIR [--mode BACKWARD|FORWARD|FULL]");
      }
    }
    if (released == null || current == null) {
      throw new IllegalArgumentException(
          "Usage: --released DIR --current DIR [--mode BACKWARD|FORWARD|FULL]");
    }
    List<Incompatibility> problems = new SchemaCompatibilityCheck(mode).check(released, current);
    if (!problems.isEmpty()) {
      StringBuilder report =
          new StringBuilder(
              "Schema changes are not "
                  + mode
                  + " compatible with released versions; readers of the topics would break:");
      problems.forEach(p -> report.append(System.lineSeparator()).append("  - ").append(p));
      report
          .append(System.lineSeparator())
          .append(
              "Make new fields optional with a default, keep released fields and enum symbols, "
                  + "or publish the change under a new record name.");
      throw new IllegalStateException(report.toString());
    }
    System.out.printf(
        "Schemas under %s are %s compatible with %d released version(s) in %s%n",
        current, mode, releases(released).size(), released);
  }
}
