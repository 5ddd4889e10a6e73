package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.serde.AvroSerdeConfig;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of the process itself: its roles, Kafka, the registry, local state and source roots. */
public final class ServiceKeys {

  public static final String ROLES = "roles";
  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String SCHEMA_REGISTRY_URL = AvroSerdeConfig.SCHEMA_REGISTRY_URL;
  public static final String SOURCES_ALLOWED_ROOTS = "sources.allowed.roots";
  public static final String HTTP_PORT = "http.port";

  private ServiceKeys() {}

  static ConfigDef define(ConfigDef def) {
    return def.define(
            ROLES,
            Type.LIST,
            List.of(Role.PLANNER.key(), Role.RENDERER.key()),
            Checks.listOf(
                Role.PLANNER.key(), Role.RENDERER.key(), Role.RECORDER.key(), Role.INGEST.key()),
            HIGH,
            "What this process runs: planner (events, detections and segments to render commands),"
                + " renderer (render commands to clips), recorder (the record.cameras streams to"
                + " segments), ingest (JSON topics, Frigate MQTT and NVR folders to the input"
                + " topics, see docs/integrations.md), or several. Deploy one role per deployment to scale them apart.")
        .define(
            BOOTSTRAP_SERVERS,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            Checks.of("host:port[,host:port...]", v -> ((List<?>) v).isEmpty() ? "empty" : null),
            HIGH,
            "Kafka brokers to bootstrap from, as host:port pairs separated by commas.")
        .define(
            APPLICATION_ID,
            Type.STRING,
            "clipstream",
            Checks.of(
                "letters, digits, '.', '_' and '-'",
                v -> v.toString().matches("[A-Za-z0-9._-]+") ? null : "invalid characters"),
            HIGH,
            "Kafka Streams application id: the consumer group, and the prefix of internal topics"
                + " and state directories. Instances with the same id share the work; changing it"
                + " starts from empty state.")
        .define(
            STATE_DIR,
            Type.STRING,
            "./state",
            Checks.nonBlank(),
            MEDIUM,
            "Directory of the local state stores (RocksDB), relative to the working directory"
                + " unless absolute. Keep it on a persistent volume: state lost here is restored"
                + " from changelog topics, which takes time.")
        // The serde declares the registry URL; reuse its declaration rather than a second one.
        .define(AvroSerdeConfig.CONFIG.configKeys().get(SCHEMA_REGISTRY_URL))
        .define(
            SOURCES_ALLOWED_ROOTS,
            Type.LIST,
            List.of(),
            Checks.of(
                "absolute paths or file:///path, s3://bucket[/prefix], http(s)://host[:port]",
                v -> SourceRoots.problem((List<?>) v)),
            HIGH,
            "Where the renderer may read footage from: file roots (absolute paths or file:///path),"
                + " S3 buckets (s3://bucket or s3://bucket/prefix) and http(s) hosts"
                + " (https://host[:port]). Any other source URI fails the clip. Required (non-empty)"
                + " when the renderer role runs.")
        .define(
            HTTP_PORT,
            Type.INT,
            8080,
            Checks.between(0, 65535),
            LOW,
            "Port of the health and metrics endpoint; 0 disables it.");
  }
}
