package io.clipstream.planner;

import io.clipstream.contracts.RenderOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the planner topology is configured with; {@link #defaults()} and {@link #builder()}
 * give the documented defaults (docs/planner.md lists each setting).
 *
 * @param preRoll footage before the event start unless a trigger or the event says otherwise
 * @param postRoll footage after the event end unless a trigger or the event says otherwise
 * @param grace how long (stream time, after window end) late detections are waited for
 * @param segmentWait how long (stream time, after window end) missing segments are waited for
 * @param maxEventDuration an event still open this long after its start is closed and flagged
 * @param detectionRetention how long detections and segments are kept (stream time)
 * @param dedupRetention how long planned event ids are remembered against duplicates and replays
 * @param idleAdvanceAfter wall-clock time without stream-time progress after which the planner's
 *     clock follows the wall clock, so quiet partitions still finish their clips
 * @param overlapPolicy one clip per event, or merge overlapping events of a camera
 * @param maxCommandBytes size cap of one serialized render command
 * @param defaultOptions service-wide render options (lowest precedence)
 * @param cameraOverrides render options per camera id (over the defaults): privacy zones are drawn
 *     in a camera's own pixels
 * @param triggerOverrides render options per trigger name (over the camera's)
 * @param clockOffsets per camera: recorder clock minus detector clock
 */
public record PlannerSettings(
    PlannerTopics topics,
    Duration preRoll,
    Duration postRoll,
    Duration grace,
    Duration segmentWait,
    Duration maxEventDuration,
    Duration detectionRetention,
    Duration dedupRetention,
    Duration idleAdvanceAfter,
    OverlapPolicy overlapPolicy,
    int maxCommandBytes,
    RenderOptions defaultOptions,
    Map<String, RenderOptions> cameraOverrides,
    Map<String, RenderOptions> triggerOverrides,
    Map<String, Duration> clockOffsets) {

  public PlannerSettings {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(overlapPolicy, "overlapPolicy");
    Objects.requireNonNull(defaultOptions, "defaultOptions");
    for (Duration d :
        new Duration[] {
          preRoll,
          postRoll,
          grace,
          segmentWait,
          maxEventDuration,
          detectionRetention,
          dedupRetention,
          idleAdvanceAfter
        }) {
      if (Objects.requireNonNull(d, "durations must not be null").isNegative()) {
        throw new IllegalArgumentException("planner durations must not be negative: " + d);
      }
    }
    if (maxCommandBytes < 1024) {
      throw new IllegalArgumentException(
          "maxCommandBytes must be at least 1024: " + maxCommandBytes);
    }
    Duration needed =
        maxEventDuration
            .plus(preRoll)
            .plus(postRoll)
            .plus(grace.compareTo(segmentWait) > 0 ? grace : segmentWait);
    if (detectionRetention.compareTo(needed) < 0) {
      throw new IllegalArgumentException(
          "detectionRetention "
              + detectionRetention
              + " is shorter than the longest wait for a clip ("
              + needed
              + " = max event duration + pre-roll + post-roll + max(grace, segment wait)): raise"
              + " it, or detections would be purged before their clip is planned");
    }
    cameraOverrides = Map.copyOf(cameraOverrides);
    triggerOverrides = Map.copyOf(triggerOverrides);
    clockOffsets = Map.copyOf(clockOffsets);
  }

  /** The documented defaults. */
  public static PlannerSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Recorder clock minus detector clock for {@code cameraId}; zero when not configured. */
  public Duration clockOffset(String cameraId) {
    return clockOffsets.getOrDefault(cameraId, Duration.ZERO);
  }

  /** Builder starting from the defaults. */
  public static final class Builder {
    private PlannerTopics topics = PlannerTopics.defaults();
    private Duration preRoll = Duration.ofSeconds(5);
    private Duration postRoll = Duration.ofSeconds(5);
    private Duration grace = Duration.ofSeconds(10);
    private Duration segmentWait = Duration.ofSeconds(60);
    private Duration maxEventDuration = Duration.ofMinutes(5);
    private Duration detectionRetention = Duration.ofMinutes(30);
    private Duration dedupRetention = Duration.ofDays(1);
    private Duration idleAdvanceAfter = Duration.ofSeconds(30);
    private OverlapPolicy overlapPolicy = OverlapPolicy.PER_EVENT;
    private int maxCommandBytes = 900_000;
    private RenderOptions defaultOptions = RenderOptions.newBuilder().build();
    private final Map<String, RenderOptions> cameraOverrides = new HashMap<>();
    private final Map<String, RenderOptions> triggerOverrides = new HashMap<>();
    private final Map<String, Duration> clockOffsets = new HashMap<>();

    private Builder() {}

    public Builder topics(PlannerTopics v) {
      topics = v;
      return this;
    }

    public Builder preRoll(Duration v) {
      preRoll = v;
      return this;
    }

    public Builder postRoll(Duration v) {
      postRoll = v;
      return this;
    }

    public Builder grace(Duration v) {
      grace = v;
      return this;
    }

    public Builder segmentWait(Duration v) {
      segmentWait = v;
      return this;
    }

    public Builder maxEventDuration(Duration v) {
      maxEventDuration = v;
      return this;
    }

    public Builder detectionRetention(Duration v) {
      detectionRetention = v;
      return this;
    }

    public Builder dedupRetention(Duration v) {
      dedupRetention = v;
      return this;
    }

    public Builder idleAdvanceAfter(Duration v) {
      idleAdvanceAfter = v;
      return this;
    }

    public Builder overlapPolicy(OverlapPolicy v) {
      overlapPolicy = v;
      return this;
    }

    public Builder maxCommandBytes(int v) {
      maxCommandBytes = v;
      return this;
    }

    public Builder defaultOptions(RenderOptions v) {
      defaultOptions = v;
      return this;
    }

    public Builder cameraOverride(String camera, RenderOptions v) {
      cameraOverrides.put(camera, v);
      return this;
    }

    public Builder triggerOverride(String trigger, RenderOptions v) {
      triggerOverrides.put(trigger, v);
      return this;
    }

    public Builder clockOffset(String camera, Duration v) {
      clockOffsets.put(camera, v);
      return this;
    }

    public PlannerSettings build() {
      return new PlannerSettings(
          topics,
          preRoll,
          postRoll,
          grace,
          segmentWait,
          maxEventDuration,
          detectionRetention,
          dedupRetention,
          idleAdvanceAfter,
          overlapPolicy,
          maxCommandBytes,
          defaultOptions,
          cameraOverrides,
          triggerOverrides,
          clockOffsets);
    }
  }
}
