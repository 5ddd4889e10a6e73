package io.clipstream.config;

import io.clipstream.serde.AvroSerdeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The configuration reference generated from the declaration, so the documentation cannot drift
 * from the code. {@link #main} rewrites the generated parts of {@code docs/configuration.md};
 * {@code ConfigDocsTest} fails when they are stale.
 */
public final class ConfigDocs {

  static final String TABLE_BEGIN = "<!-- BEGIN GENERATED: ConfigDocs.markdownTable() -->";
  static final String TABLE_END = "<!-- END GENERATED: ConfigDocs.markdownTable() -->";
  static final String EXAMPLE_BEGIN =
      "<!-- BEGIN GENERATED: docs/clipstream.example.properties -->";
  static final String EXAMPLE_END = "<!-- END GENERATED: docs/clipstream.example.properties -->";

  /** Keys whose middle part is a name, documented by pattern: key, env var, default, text. */
  private static final List<String[]> PATTERNS =
      List.of(
          new String[] {
            "planner.trigger.<name>.preroll.ms",
            "CLIPSTREAM_PLANNER_TRIGGER_<NAME>_PREROLL_MS",
            "(unset)",
            "Pre-roll of events whose trigger is <name>, over planner.preroll.ms; an event's own"
                + " render options still win. Milliseconds."
          },
          new String[] {
            "planner.trigger.<name>.postroll.ms",
            "CLIPSTREAM_PLANNER_TRIGGER_<NAME>_POSTROLL_MS",
            "(unset)",
            "Post-roll of events whose trigger is <name>, over planner.postroll.ms. Milliseconds."
          },
          new String[] {
            "planner.camera.<id>.clock.offset.ms",
            "CLIPSTREAM_PLANNER_CAMERA_<ID>_CLOCK_OFFSET_MS",
            "0",
            "Recorder clock minus detector clock of camera <id> (may be negative). Milliseconds."
          },
          new String[] {
            "kafka.<client setting>",
            "CLIPSTREAM_KAFKA_<SETTING>",
            "",
            "Any Kafka client setting, given to every client without the kafka. prefix:"
                + " kafka.security.protocol, kafka.sasl.mechanism, kafka.sasl.jaas.config,"
                + " kafka.ssl.truststore.location, ...; Kafka Streams' client prefixes work too"
                + " (kafka.producer.linger.ms, kafka.topic.replication.factor)."
          });

  private ConfigDocs() {}

  /** The reference table: key, environment variable, default, description. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| key | environment variable | default | description |\n");
    out.append("|---|---|---|---|\n");
    for (ConfigDef.ConfigKey key : ConfigKeys.DEFINITION.configKeys().values()) {
      row(out, key.name, ConfigKeys.envName(key.name), defaultText(key), key.documentation);
    }
    for (String[] p : PATTERNS) {
      row(out, p[0], p[1], p[2], p[3]);
    }
    for (ConfigDef.ConfigKey key : AvroSerdeConfig.CONFIG.configKeys().values()) {
      if (ConfigKeys.SERDE_KEYS.contains(key.name)) {
        row(
            out,
            key.name,
            ConfigKeys.envName(key.name),
            defaultText(key),
            "Schema Registry serde: " + key.documentation);
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String key, String env, String dflt, String doc) {
    out.append("| `").append(key).append("` | `").append(env).append("` | ");
    out.append(dflt.isEmpty() ? "" : "`" + dflt + "`");
    out.append(" | ").append(doc.replace("|", "\\|").replace("<", "&lt;")).append(" |\n");
  }

  static String defaultText(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    } else if (key.defaultValue == null) {
      return "(unset)";
    }
    String text = ConfigDef.convertToString(key.defaultValue, key.type);
    return text.isEmpty() ? "(empty)" : text;
  }

  /** {@code markdown} with the table and the example file placed between their markers. */
  static String regenerate(String markdown, String exampleProperties) {
    String withTable = between(markdown, TABLE_BEGIN, TABLE_END, markdownTable());
    return between(
        withTable, EXAMPLE_BEGIN, EXAMPLE_END, "```properties\n" + exampleProperties + "```\n");
  }

  private static String between(String text, String begin, String end, String content) {
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("markers " + begin + " ... " + end + " not found");
    }
    return text.substring(0, b + begin.length()) + "\n" + content + text.substring(e);
  }

  /**
   * Rewrites the generated parts of {@code docs/configuration.md} and the table in {@code
   * README.md}. Argument: the repository root (default: the working directory).
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    Path doc = root.resolve("docs/configuration.md");
    String example =
        Files.readString(
            root.resolve("docs/clipstream.example.properties"), StandardCharsets.UTF_8);
    Files.writeString(doc, regenerate(Files.readString(doc), example), StandardCharsets.UTF_8);
    Path readme = root.resolve("README.md");
    Files.writeString(readme, regenerateTable(Files.readString(readme)), StandardCharsets.UTF_8);
  }

  /** {@code markdown} with the table placed between its markers (the README has no example). */
  static String regenerateTable(String markdown) {
    return between(markdown, TABLE_BEGIN, TABLE_END, markdownTable());
  }
}
