package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.ingest.IngestSettings;
import io.clipstream.ingest.folder.FolderSettings;
import io.clipstream.ingest.folder.SegmentLayout;
import io.clipstream.ingest.frigate.MqttSettings;
import io.clipstream.ingest.json.DetectionPayloads;
import io.clipstream.ingest.mapping.BoxScales;
import io.clipstream.storage.S3PrefixListing;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Keys of the ingest role and {@code clipstream index}: JSON topics, Frigate MQTT, NVR folders. */
public final class IngestKeys {

  public static final String DETECTION_TOPICS = "ingest.detections.topics";
  public static final String DETECTION_FORMAT = "ingest.detections.format";
  public static final String EVENT_TOPICS = "ingest.events.topics";
  public static final String DEFAULT_CAMERA = "ingest.camera.default";
  public static final String CAMERA_SCALE = "ingest.camera.scale";
  public static final String MQTT_URL = "ingest.mqtt.url";
  public static final String MQTT_TOPIC = "ingest.mqtt.topic";
  public static final String MQTT_CLIENT_ID = "ingest.mqtt.client.id";
  public static final String MQTT_USERNAME = "ingest.mqtt.username";
  public static final String MQTT_PASSWORD = "ingest.mqtt.password";
  public static final String MQTT_CA_FILE = "ingest.mqtt.ca.file";
  public static final String FOLDER_ROOT = "ingest.folder.root";
  public static final String FOLDER_LAYOUT = "ingest.folder.layout";
  public static final String FOLDER_POLL_MS = "ingest.folder.poll.ms";
  public static final String FOLDER_SETTLE_MS = "ingest.folder.settle.ms";
  public static final String FOLDER_LEDGER_TOPIC = "ingest.folder.ledger.topic";

  private IngestKeys() {}

  static ConfigDef define(ConfigDef def) {
    String[] formats =
        Arrays.stream(DetectionPayloads.Format.values())
            .map(DetectionPayloads.Format::key)
            .toArray(String[]::new);
    return def.define(
            DETECTION_TOPICS,
            Type.LIST,
            List.of(),
            HIGH,
            "Topics of JSON detection messages the ingest role translates into cv.detections"
                + " (DeepStream's nvmsgbroker topic, for instance); see docs/integrations.md.")
        .define(
            DETECTION_FORMAT,
            Type.STRING,
            DetectionPayloads.Format.AUTO.key(),
            Checks.oneOf(formats),
            MEDIUM,
            "JSON shape of the detection messages: deepstream-full (nvmsgconv payload-type 0),"
                + " deepstream-minimal (payload-type 1), generic (the detection lines render"
                + " reads, or a frame of them), or auto (told apart by their fields).")
        .define(
            EVENT_TOPICS,
            Type.LIST,
            List.of(),
            MEDIUM,
            "Topics of generic JSON event messages (the fields of cv.events, as publish --kind"
                + " events reads them) the ingest role translates into cv.events.")
        .define(
            DEFAULT_CAMERA,
            Type.STRING,
            null,
            LOW,
            "Camera id of messages whose payload names none and whose record has no key."
                + " Unset: such messages go to the dead-letter topic.")
        .define(
            CAMERA_SCALE,
            Type.LIST,
            List.of(),
            Checks.of(
                "camera-id=factor[,camera-id=factor...]",
                v -> {
                  List<String> problems = new ArrayList<>();
                  scales(((List<?>) v).stream().map(Object::toString).toList(), problems);
                  return problems.isEmpty() ? null : String.join("; ", problems);
                }),
            MEDIUM,
            "Factor from the detector's pixels to the recording's, per camera: 3 for a detector"
                + " (or Frigate detect stream) at 640x360 and a 1920x1080 recording. Unlisted"
                + " cameras: 1.")
        .define(
            MQTT_URL,
            Type.STRING,
            null,
            HIGH,
            "MQTT broker of Frigate, as tcp://host:1883 (or ssl://host:8883). Set: the ingest"
                + " role turns Frigate's event messages into cv.events and cv.detections.")
        .define(
            MQTT_TOPIC,
            Type.STRING,
            "frigate/events",
            Checks.nonBlank(),
            LOW,
            "MQTT topic of Frigate's event messages (<topic_prefix>/events).")
        .define(
            MQTT_CLIENT_ID,
            Type.STRING,
            "clipstream-ingest",
            Checks.nonBlank(),
            LOW,
            "MQTT client id. The session is persistent (QoS 1): the broker keeps the messages"
                + " sent while Clipstream is down for this id, so keep it stable and unique.")
        .define(
            MQTT_USERNAME,
            Type.STRING,
            null,
            MEDIUM,
            "Account on the MQTT broker (mosquitto's password_file, for instance). Unset: the"
                + " connection is anonymous.")
        .define(
            MQTT_PASSWORD,
            Type.PASSWORD,
            null,
            MEDIUM,
            "Password of ingest.mqtt.username. A secret: never logged, hidden by --check; prefer"
                + " the CLIPSTREAM_INGEST_MQTT_PASSWORD environment variable.")
        .define(
            MQTT_CA_FILE,
            Type.STRING,
            null,
            LOW,
            "PEM file of the CA certificate(s) an ssl:// broker's certificate must chain to (a"
                + " private CA or a self-signed broker). Unset: the JVM's default trust store.")
        .define(
            FOLDER_ROOT,
            Type.STRING,
            null,
            Checks.of(
                "a folder, or s3://bucket/prefix",
                v -> {
                  String root = v == null ? "" : v.toString().trim();
                  if (!root.regionMatches(true, 0, "s3://", 0, 5)) {
                    return null;
                  }
                  try {
                    S3PrefixListing.parse(URI.create(root));
                    return null;
                  } catch (IllegalArgumentException e) {
                    return e.getMessage();
                  }
                }),
            HIGH,
            "NVR folder whose recordings are announced on cv.segments (Frigate's"
                + " recordings directory, for instance), or an S3 prefix s3://bucket/prefix"
                + " reached with the storage.s3.* settings. Set: the ingest role watches it;"
                + " clipstream index indexes it once.")
        .define(
            FOLDER_LAYOUT,
            Type.STRING,
            "frigate",
            Checks.of(
                "frigate or a pattern such as {camera}/%Y%m%d/%H%M%S.mp4",
                v -> {
                  try {
                    SegmentLayout.parse(v.toString());
                    return null;
                  } catch (IllegalArgumentException e) {
                    return e.getMessage();
                  }
                }),
            MEDIUM,
            "How paths under ingest.folder.root name camera and start time: frigate"
                + " (YYYY-MM-DD/HH/<camera>/MM.SS.mp4, UTC) or a pattern of {camera} and strftime"
                + " fields %Y %m %d %H %M %S, e.g. {camera}/%Y%m%d/%H%M%S.mp4 (UTC).")
        .define(
            FOLDER_POLL_MS,
            Type.LONG,
            5_000L,
            Checks.atLeast(100),
            LOW,
            "How often the folder watcher looks for new files. Milliseconds.")
        .define(
            FOLDER_SETTLE_MS,
            Type.LONG,
            5_000L,
            Checks.atLeast(0),
            MEDIUM,
            "A file counts as complete once it has not been modified for this long (an S3"
                + " object: since its upload completed) and FFmpeg reads its duration; younger"
                + " files wait for a later scan. Milliseconds.")
        .define(
            FOLDER_LEDGER_TOPIC,
            Type.STRING,
            "clipstream.folder-index",
            Checks.nonBlank(),
            LOW,
            "Compacted topic remembering which files were announced, written in the same"
                + " transaction as their cv.segments record: each file is announced once across"
                + " restarts. Created (compacted) when missing.");
  }

  static BoxScales scales(List<String> entries, List<String> problems) {
    Map<String, Double> factors = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      String camera = eq < 0 ? "" : entry.substring(0, eq).trim();
      double factor = Double.NaN;
      try {
        factor = eq < 0 ? Double.NaN : Double.parseDouble(entry.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        // reported below
      }
      if (camera.isEmpty() || !(factor > 0) || Double.isInfinite(factor)) {
        problems.add("'" + entry + "' is not camera-id=factor with a positive factor");
      } else {
        factors.put(camera, factor);
      }
    }
    return new BoxScales(factors);
  }

  static BoxScales scales(AbstractConfig values) {
    return scales(values.getList(CAMERA_SCALE), new ArrayList<>());
  }

  static IngestSettings settings(AbstractConfig values, TopicNames topics) {
    return new IngestSettings(
        values.getList(DETECTION_TOPICS),
        DetectionPayloads.Format.parse(values.getString(DETECTION_FORMAT)),
        values.getList(EVENT_TOPICS),
        Optional.ofNullable(values.getString(DEFAULT_CAMERA)).filter(s -> !s.isBlank()),
        scales(values),
        topics.detections(),
        topics.events(),
        topics.deadLetter());
  }

  static Optional<MqttSettings> mqtt(AbstractConfig values, TopicNames topics) {
    return Optional.ofNullable(values.getString(MQTT_URL))
        .filter(s -> !s.isBlank())
        .map(
            url ->
                new MqttSettings(
                    url,
                    values.getString(MQTT_TOPIC),
                    values.getString(MQTT_CLIENT_ID),
                    scales(values),
                    topics.events(),
                    topics.detections(),
                    Optional.ofNullable(values.getString(MQTT_USERNAME)).filter(s -> !s.isBlank()),
                    Optional.ofNullable(values.getPassword(MQTT_PASSWORD))
                        .map(org.apache.kafka.common.config.types.Password::value)
                        .filter(s -> !s.isEmpty()),
                    Optional.ofNullable(values.getString(MQTT_CA_FILE))
                        .filter(s -> !s.isBlank())
                        .map(Path::of)));
  }

  /** What does not fit together among the MQTT keys. */
  static void mqttProblems(MqttSettings m, List<String> problems) {
    if (m.password().isPresent() && m.username().isEmpty()) {
      problems.add(
          MQTT_PASSWORD + " is set without " + MQTT_USERNAME + ": set the account's user name too");
    }
    boolean tls = m.url().regionMatches(true, 0, "ssl://", 0, 6);
    if (m.caFile().isPresent() && !tls) {
      problems.add(
          MQTT_CA_FILE
              + " is set but "
              + MQTT_URL
              + " = "
              + m.url()
              + " is not TLS: write ssl://host:8883 (or drop the CA file)");
    }
    if (m.caFile().isPresent() && !java.nio.file.Files.isReadable(m.caFile().get())) {
      problems.add(
          MQTT_CA_FILE + " = " + m.caFile().get() + ": no such readable file; give the CA's PEM");
    }
  }

  static Optional<FolderSettings> folder(AbstractConfig values, TopicNames topics) {
    return Optional.ofNullable(values.getString(FOLDER_ROOT))
        .filter(s -> !s.isBlank())
        .map(
            root ->
                new FolderSettings(
                    root.trim(),
                    values.getString(FOLDER_LAYOUT),
                    Duration.ofMillis(values.getLong(FOLDER_POLL_MS)),
                    Duration.ofMillis(values.getLong(FOLDER_SETTLE_MS)),
                    values.getString(FOLDER_LEDGER_TOPIC),
                    topics.segments(),
                    StorageKeys.settings(values)));
  }

  /** The contract topic names the adapters write to. */
  record TopicNames(String detections, String events, String segments, String deadLetter) {}
}
