package io.clipstream.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.clipstream.contracts.RenderOptions;
import io.clipstream.planner.OverlapPolicy;
import io.clipstream.planner.PlannerSettings;
import io.clipstream.planner.PlannerTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The planner's keys, one per {@link PlannerSettings} component, with its defaults taken from
 * {@link PlannerSettings#defaults()} so the two cannot drift; plus the per-trigger and per-camera
 * keys whose middle part is a name.
 */
public final class PlannerKeys {

  public static final String PREROLL_MS = "planner.preroll.ms";
  public static final String POSTROLL_MS = "planner.postroll.ms";
  public static final String GRACE_MS = "planner.grace.ms";
  public static final String SEGMENT_WAIT_MS = "planner.segment.wait.ms";
  public static final String MAX_EVENT_DURATION_MS = "planner.max.event.duration.ms";
  public static final String DETECTION_RETENTION_MS = "planner.detection.retention.ms";
  public static final String DEDUP_RETENTION_MS = "planner.dedup.retention.ms";
  public static final String IDLE_ADVANCE_MS = "planner.idle.advance.ms";
  public static final String OVERLAP_POLICY = "planner.overlap.policy";
  public static final String MAX_COMMAND_BYTES = "planner.max.command.bytes";

  /** {@code planner.trigger.<name>.preroll.ms} or {@code .postroll.ms}. */
  static final Pattern TRIGGER =
      Pattern.compile("planner\\.trigger\\.(.+)\\.(preroll|postroll)\\.ms");

  /** {@code planner.camera.<id>.clock.offset.ms}. */
  static final Pattern CAMERA = Pattern.compile("planner\\.camera\\.(.+)\\.clock\\.offset\\.ms");

  private static final PlannerSettings DEFAULTS = PlannerSettings.defaults();

  private PlannerKeys() {}

  static ConfigDef define(ConfigDef def) {
    duration(
        def,
        PREROLL_MS,
        DEFAULTS.preRoll(),
        "Footage kept before the event start, unless"
            + " the trigger or the event's render options say otherwise.");
    duration(
        def,
        POSTROLL_MS,
        DEFAULTS.postRoll(),
        "Footage kept after the event end, unless the"
            + " trigger or the event's render options say otherwise.");
    duration(
        def,
        GRACE_MS,
        DEFAULTS.grace(),
        "Stream time after window end that late detections"
            + " are waited for before the clip is planned.");
    duration(
        def,
        SEGMENT_WAIT_MS,
        DEFAULTS.segmentWait(),
        "Stream time after window end that"
            + " missing segments are waited for; then the clip is rendered with gaps or fails with"
            + " NO_RECORDING. Make it longer than the recorder's segment length: a segment is"
            + " announced when it closes, after the detections of the time it covers.");
    duration(
        def,
        MAX_EVENT_DURATION_MS,
        DEFAULTS.maxEventDuration(),
        "An event still open this"
            + " long after its start is closed and its clip flagged auto_closed.");
    duration(
        def,
        DETECTION_RETENTION_MS,
        DEFAULTS.detectionRetention(),
        "How long detections and"
            + " segments are kept; at least max event duration + pre-roll + post-roll +"
            + " max(grace, segment wait).");
    duration(
        def,
        DEDUP_RETENTION_MS,
        DEFAULTS.dedupRetention(),
        "How long planned event ids are" + " remembered against duplicates and replays.");
    duration(
        def,
        IDLE_ADVANCE_MS,
        DEFAULTS.idleAdvanceAfter(),
        "Wall-clock time without"
            + " stream-time progress after which the planner's clock follows the wall clock.");
    return def.define(
            OVERLAP_POLICY,
            Type.STRING,
            DEFAULTS.overlapPolicy().name(),
            Checks.oneOf("per_event", "merge"),
            MEDIUM,
            "PER_EVENT: one clip per event; MERGE: overlapping events of a camera share one clip.")
        .define(
            MAX_COMMAND_BYTES,
            Type.INT,
            DEFAULTS.maxCommandBytes(),
            Checks.atLeast(1024),
            LOW,
            "Size cap of one render command; larger ones have their detections thinned. Keep"
                + " below the topic's max.message.bytes.");
  }

  private static void duration(ConfigDef def, String key, Duration dflt, String doc) {
    def.define(key, Type.LONG, dflt.toMillis(), Checks.atLeast(0), MEDIUM, doc + " Milliseconds.");
  }

  /** Whether {@code key} is a per-trigger or per-camera key. */
  static boolean isDynamic(String key) {
    return TRIGGER.matcher(key).matches() || CAMERA.matcher(key).matches();
  }

  /**
   * The settings from parsed {@code values} and the dynamic keys (already validated as longs).
   *
   * @throws IllegalArgumentException when the values are inconsistent (see {@link PlannerSettings})
   */
  static PlannerSettings settings(
      AbstractConfig values, Map<String, Long> dynamic, PlannerTopics topics) {
    PlannerSettings.Builder b =
        PlannerSettings.builder()
            .topics(topics)
            .preRoll(Duration.ofMillis(values.getLong(PREROLL_MS)))
            .postRoll(Duration.ofMillis(values.getLong(POSTROLL_MS)))
            .grace(Duration.ofMillis(values.getLong(GRACE_MS)))
            .segmentWait(Duration.ofMillis(values.getLong(SEGMENT_WAIT_MS)))
            .maxEventDuration(Duration.ofMillis(values.getLong(MAX_EVENT_DURATION_MS)))
            .detectionRetention(Duration.ofMillis(values.getLong(DETECTION_RETENTION_MS)))
            .dedupRetention(Duration.ofMillis(values.getLong(DEDUP_RETENTION_MS)))
            .idleAdvanceAfter(Duration.ofMillis(values.getLong(IDLE_ADVANCE_MS)))
            .overlapPolicy(
                OverlapPolicy.valueOf(values.getString(OVERLAP_POLICY).toUpperCase(Locale.ROOT)))
            .maxCommandBytes(values.getInt(MAX_COMMAND_BYTES));
    Map<String, RenderOptions.Builder> triggers = new HashMap<>();
    dynamic.forEach(
        (key, millis) -> {
          Matcher t = TRIGGER.matcher(key);
          Matcher c = CAMERA.matcher(key);
          if (t.matches()) {
            RenderOptions.Builder o =
                triggers.computeIfAbsent(t.group(1), n -> RenderOptions.newBuilder());
            if (t.group(2).equals("preroll")) {
              o.setPreRollMs(millis);
            } else {
              o.setPostRollMs(millis);
            }
          } else if (c.matches()) {
            b.clockOffset(c.group(1), Duration.ofMillis(millis));
          }
        });
    triggers.forEach((name, options) -> b.triggerOverride(name, options.build()));
    RedactionKeys.apply(values, b);
    return b.build();
  }
}
