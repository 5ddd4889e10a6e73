package io.clipstream.config;

import io.clipstream.config.ConfigLoader.Setting;
import io.clipstream.serde.AvroSerdeConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks the merged settings key by key (so each message can name the value's source, which Kafka's
 * own parse cannot), then the checks that span keys.
 */
final class Validation {

  private Validation() {}

  static ClipstreamConfig validate(
      Map<String, Setting> settings, Machine machine, List<String> warnings) {
    List<String> problems = new ArrayList<>();
    Map<String, String> declared = new HashMap<>();
    for (ConfigKey key : ConfigKeys.DEFINITION.configKeys().values()) {
      Setting s = settings.get(key.name);
      if (s == null) {
        if (!key.hasDefault()) {
          problems.add(
              key.name
                  + " is required: set it in the properties file, as "
                  + ConfigKeys.envName(key.name)
                  + " or with a flag ("
                  + expected(key)
                  + ")");
        }
        continue;
      }
      try {
        Object parsed = ConfigDef.parseType(key.name, s.value(), key.type);
        if (key.validator != null) {
          key.validator.ensureValid(key.name, parsed);
        }
        declared.put(key.name, s.value());
      } catch (ConfigException e) {
        String why = e.getMessage().startsWith("Invalid value") ? "" : e.getMessage() + "; ";
        problems.add(problem(key.name, s, why + "expected " + expected(key)));
      }
    }
    Map<String, Long> dynamic = new HashMap<>();
    settings.forEach(
        (k, s) -> {
          if (ConfigKeys.kind(k) == ConfigKeys.Kind.DYNAMIC) {
            try {
              dynamic.put(k, Long.parseLong(s.value()));
            } catch (NumberFormatException e) {
              problems.add(problem(k, s, "expected a whole number of milliseconds"));
            }
          }
        });
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
    }
    ClipstreamConfig config =
        new ClipstreamConfig(
            new AbstractConfig(ConfigKeys.DEFINITION, declared, false),
            settings,
            dynamic,
            machine,
            warnings);
    crossChecks(config, settings, problems);
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
    }
    return config;
  }

  private static void crossChecks(
      ClipstreamConfig config, Map<String, Setting> settings, List<String> problems) {
    List<String> secrets =
        settings.entrySet().stream()
            .filter(e -> Secrets.isSecret(e.getKey()))
            .map(e -> e.getValue().value())
            .toList();
    try {
      new AvroSerdeConfig(config.serdeConfig());
    } catch (ConfigException | IllegalArgumentException e) {
      problems.add(
          "schema registry settings: "
              + Secrets.scrub(e.getMessage(), secrets)
              + " (set from "
              + sourcesOf(settings, ConfigKeys.SERDE_KEYS, ServiceKeys.SCHEMA_REGISTRY_URL)
              + ")");
    }
    String group = config.groupProblem();
    if (group != null) {
      problems.add(group);
    }
    if (config.roles().contains(Role.PLANNER)) {
      try {
        config.toPlannerSettings();
      } catch (IllegalArgumentException e) {
        problems.add(
            "planner settings: " + e.getMessage() + " (keys planner.*; durations in milliseconds)");
      }
    }
    if (config.roles().contains(Role.RECORDER)) {
      RecorderSection r = config.recording();
      if (r.cameras().isEmpty()) {
        problems.add(
            RecorderKeys.CAMERAS
                + " is empty but the recorder role runs: list the cameras as camera-id=url (as "
                + ConfigKeys.envName(RecorderKeys.CAMERAS)
                + ", in the file or with a flag)");
      }
      long plannerNeeds = plannerRetentionMillis(config);
      if (r.retention().toMillis() < plannerNeeds) {
        problems.add(
            RecorderKeys.RETENTION_MS
                + " = "
                + r.retention().toMillis()
                + " would delete segments the planner may still plan clips from: make it at least"
                + " planner.detection.retention.ms ("
                + plannerNeeds
                + ") plus the time the renderer may lag");
      }
      if (r.initialBackoff().compareTo(r.maxBackoff()) > 0) {
        problems.add(RecorderKeys.BACKOFF_MS + " must not exceed " + RecorderKeys.BACKOFF_MAX_MS);
      }
    }
    config.ingestMqtt().ifPresent(m -> IngestKeys.mqttProblems(m, problems));
    if (config.roles().contains(Role.RENDERER) && config.allowedSources().isEmpty()) {
      problems.add(
          ServiceKeys.SOURCES_ALLOWED_ROOTS
              + " is empty but the renderer role runs, so every source would be refused: list the"
              + " directories, s3://buckets and https://hosts your recordings live in (as "
              + ConfigKeys.envName(ServiceKeys.SOURCES_ALLOWED_ROOTS)
              + ", in the file or with a flag)");
    }
  }

  private static long plannerRetentionMillis(ClipstreamConfig config) {
    try {
      return config.toPlannerSettings().detectionRetention().toMillis();
    } catch (IllegalArgumentException e) {
      return 0; // reported with the planner's settings when the planner runs here
    }
  }

  private static String sourcesOf(
      Map<String, Setting> settings, java.util.Set<String> keys, String extra) {
    List<String> out = new ArrayList<>();
    settings.forEach(
        (k, s) -> {
          if (keys.contains(k) || k.equals(extra)) {
            out.add(k + " from " + s.source());
          }
        });
    return String.join(", ", out);
  }

  static String problem(String key, Setting s, String detail) {
    return key + " = '" + Secrets.mask(key, s.value()) + "' (from " + s.source() + "): " + detail;
  }

  /** The expected form: the type in words, then the validator's own description. */
  static String expected(ConfigKey key) {
    String type =
        switch (key.type) {
          case INT, SHORT, LONG -> key.name.endsWith(".ms") ? "milliseconds" : "an integer";
          case BOOLEAN -> "true or false";
          case LIST -> "a comma-separated list";
          case DOUBLE -> "a number";
          default -> "a string";
        };
    if (key.validator == null) {
      return type;
    }
    // A list validator already says "a comma-separated list of ...".
    return key.type == ConfigDef.Type.LIST ? key.validator.toString() : type + ", " + key.validator;
  }
}
