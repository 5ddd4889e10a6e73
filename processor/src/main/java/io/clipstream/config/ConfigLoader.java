package io.clipstream.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads the configuration with precedence flags &gt; environment &gt; properties file &gt;
 * defaults, and refuses what it cannot use: unknown keys (with the closest declared key), values of
 * the wrong form, missing required keys. Every problem is reported at once.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /** A raw value and where it came from. */
  record Setting(String value, ConfigSource source) {}

  /**
   * Loads and validates the configuration for this machine.
   *
   * @param file the properties file (UTF-8), if any
   * @param env the environment; only {@code CLIPSTREAM_*} variables are read
   * @param flagOverrides key to value, from the command line
   * @throws ConfigValidationException naming every problem
   */
  public static ClipstreamConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> flagOverrides) {
    return load(file, env, flagOverrides, Machine.current());
  }

  /** As {@link #load(Optional, Map, Map)} with the machine the derived defaults are sized for. */
  public static ClipstreamConfig load(
      Optional<Path> file,
      Map<String, String> env,
      Map<String, String> flagOverrides,
      Machine machine) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, Setting> settings = new LinkedHashMap<>();
    if (file.isPresent()) {
      ConfigSource source = ConfigSource.file(file.get());
      readFile(file.get(), problems).forEach((k, v) -> accept(k, v, source, settings, problems));
    }
    // Sorted so that messages and the summary come out in the same order on every start.
    new TreeMap<>(env)
        .forEach(
            (variable, value) -> {
              if (!variable.startsWith(ConfigKeys.ENV_PREFIX)) {
                return;
              }
              Optional<String> key = ConfigKeys.keyForEnv(variable);
              if (key.isPresent()) {
                accept(key.get(), value, ConfigSource.env(variable), settings, problems);
              } else {
                // Other tools read CLIPSTREAM_* variables too (the schemas command), so no failure.
                warnings.add(
                    variable
                        + " matches no configuration key and is ignored"
                        + Suggestions.closest(variable, ConfigKeys.envNames())
                            .map(s -> "; did you mean " + s + "?")
                            .orElse(""));
              }
            });
    flagOverrides.forEach((k, v) -> accept(k, v, ConfigSource.flag(k), settings, problems));
    for (Map.Entry<String, Setting> e : settings.entrySet()) {
      if (ConfigKeys.kind(e.getKey()) == ConfigKeys.Kind.KAFKA) {
        KafkaKeys.warning(e.getKey(), e.getValue().source()).ifPresent(warnings::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
    }
    return Validation.validate(settings, machine, warnings);
  }

  private static Map<String, String> readFile(Path path, List<String> problems) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      problems.add("cannot read the configuration file " + path + ": " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
    return values;
  }

  /** Records {@code key}, replacing a lower layer's value; blank values leave lower layers. */
  private static void accept(
      String key,
      String value,
      ConfigSource source,
      Map<String, Setting> settings,
      List<String> problems) {
    ConfigKeys.Kind kind = ConfigKeys.kind(key);
    if (kind == ConfigKeys.Kind.UNKNOWN) {
      String hint =
          Suggestions.closest(key, ConfigKeys.candidates(key))
              .map(s -> "did you mean " + s + "?")
              .orElse("see docs/configuration.md for the keys");
      problems.add("unknown key " + key + " (from " + source + "): " + hint);
    } else if (ConfigKeys.KAFKA_SHADOWED.containsKey(key)) {
      problems.add(
          key
              + " (from "
              + source
              + ") is set by "
              + ConfigKeys.KAFKA_SHADOWED.get(key)
              + "; use that key");
    } else if (!value.isBlank()) {
      settings.put(key, new Setting(value.trim(), source));
    }
  }
}
