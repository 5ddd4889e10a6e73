package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The live recorder's keys ({@code clipstream record}, or the {@code recorder} role). */
public final class RecorderKeys {

  public static final String CAMERAS = "record.cameras";
  public static final String SEGMENT_MS = "record.segment.ms";
  public static final String STORAGE_URI = "record.storage.uri";
  public static final String RETENTION_MS = "record.retention.ms";
  public static final String READ_TIMEOUT_MS = "record.read.timeout.ms";
  public static final String BACKOFF_MS = "record.reconnect.backoff.ms";
  public static final String BACKOFF_MAX_MS = "record.reconnect.backoff.max.ms";
  public static final String WORK_DIR = "record.work.dir";

  private static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private RecorderKeys() {}

  static ConfigDef define(ConfigDef def) {
    return def.define(
            CAMERAS,
            Type.LIST,
            List.of(),
            Checks.of(
                "camera-id=url[,camera-id=url...]",
                v -> {
                  List<String> problems = new ArrayList<>();
                  cameras(((List<?>) v).stream().map(Object::toString).toList(), problems);
                  return problems.isEmpty() ? null : String.join("; ", problems);
                }),
            HIGH,
            "The cameras to record, as camera-id=url pairs separated by commas: any input FFmpeg"
                + " reads live (rtsp://, rtmp://, http(s)://, tcp:// or udp:// MPEG-TS). The camera"
                + " id is the key of its segment records and must match the detections' camera_id."
                + " Credentials in a URL (rtsp://user:password@host) are never logged.")
        .define(
            SEGMENT_MS,
            Type.LONG,
            60_000L,
            Checks.atLeast(1_000),
            MEDIUM,
            "Length of a recorded segment; each is cut at the first keyframe after it."
                + " planner.segment.wait.ms must be longer. Milliseconds.")
        .define(
            STORAGE_URI,
            Type.STRING,
            "./recordings",
            Checks.of(
                "a directory path, file:///path or s3://bucket[/prefix]",
                v -> StorageKeys.problem(v.toString())),
            HIGH,
            "Where segments are stored: a directory (a path or file:///path) or s3://bucket[/prefix]"
                + " (with the storage.s3.* settings). The renderer reads them there, so"
                + " sources.allowed.roots must include it.")
        .define(
            RETENTION_MS,
            Type.LONG,
            Duration.ofDays(1).toMillis(),
            Checks.atLeast(60_000),
            MEDIUM,
            "Segments older than this are deleted. Keep it longer than the oldest clip still to"
                + " be rendered: at least planner.detection.retention.ms plus the renderer's"
                + " backlog. Milliseconds; default 1 day.")
        .define(
            READ_TIMEOUT_MS,
            Type.LONG,
            10_000L,
            Checks.atLeast(100),
            LOW,
            "An input that sends nothing for this long counts as dropped: the open segment is"
                + " closed and the recorder reconnects. Milliseconds.")
        .define(
            BACKOFF_MS,
            Type.LONG,
            1_000L,
            Checks.atLeast(10),
            LOW,
            "Wait before the first reconnection attempt, doubled after each failed one."
                + " Milliseconds.")
        .define(
            BACKOFF_MAX_MS,
            Type.LONG,
            30_000L,
            Checks.atLeast(10),
            LOW,
            "Longest wait between reconnection attempts. Milliseconds.")
        .define(
            WORK_DIR,
            Type.STRING,
            null,
            LOW,
            "Scratch directory for segments being written. Unset: clipstream-record under the"
                + " JVM's temporary directory.");
  }

  /** The cameras of {@code entries}; adds a line to {@code problems} for each bad entry. */
  static List<CameraInput> cameras(List<String> entries, List<String> problems) {
    List<CameraInput> cameras = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      String id = eq < 0 ? "" : entry.substring(0, eq).trim();
      String url = eq < 0 ? "" : entry.substring(eq + 1).trim();
      String shown = Secrets.mask(CAMERAS, entry);
      if (eq < 0 || !CAMERA_ID.matcher(id).matches()) {
        problems.add(
            "'" + shown + "' is not camera-id=url with an id of letters, digits, '.', '_' or '-'");
      } else if (!url.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.+")) {
        problems.add("camera " + id + ": '" + Secrets.mask(CAMERAS, url) + "' is not a URL");
      } else if (!seen.add(id)) {
        problems.add("camera " + id + " is listed twice");
      } else {
        cameras.add(new CameraInput(id, URI.create(url.replace(" ", "%20"))));
      }
    }
    return cameras;
  }

  static RecorderSection settings(AbstractConfig values) {
    String workDir = values.getString(WORK_DIR);
    return new RecorderSection(
        cameras(values.getList(CAMERAS), new ArrayList<>()),
        Duration.ofMillis(values.getLong(SEGMENT_MS)),
        StorageKeys.normalize(values.getString(STORAGE_URI)),
        Duration.ofMillis(values.getLong(RETENTION_MS)),
        Duration.ofMillis(values.getLong(READ_TIMEOUT_MS)),
        Duration.ofMillis(values.getLong(BACKOFF_MS)),
        Duration.ofMillis(values.getLong(BACKOFF_MAX_MS)),
        workDir != null
            ? Path.of(workDir)
            : Path.of(System.getProperty("java.io.tmpdir"), "clipstream-record"));
  }
}
