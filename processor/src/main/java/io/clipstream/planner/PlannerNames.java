package io.clipstream.planner;

/**
 * Every node, store and internal-topic name of the planner topology, in one place.
 *
 * <p>Names are part of the deployed state: changelog topics are called {@code
 * <application.id>-<store>-changelog}, so renaming a store orphans its state. Change them only with
 * a migration plan.
 */
public final class PlannerNames {

  public static final String SOURCE_DETECTIONS = "planner-source-detections";
  public static final String SOURCE_EVENTS = "planner-source-events";
  public static final String SOURCE_SEGMENTS = "planner-source-segments";

  public static final String STORE_DETECTIONS_PROCESSOR = "planner-store-detections";
  public static final String STORE_SEGMENTS_PROCESSOR = "planner-store-segments";
  public static final String EVENTS_PROCESSOR = "planner-events";

  public static final String SINK_RENDER_COMMANDS = "planner-sink-render-commands";
  public static final String SINK_CLIPS_FAILED = "planner-sink-clips-failed";

  /** Detection frames per camera and capture time; bounded by the detection retention. */
  public static final String DETECTIONS_STORE = "planner-detections";

  /** The catalogue of recorded segments per camera and start time. */
  public static final String SEGMENTS_STORE = "planner-segments";

  /** Events not yet planned (open, or closed and waiting for grace or segments). */
  public static final String EVENTS_STORE = "planner-events";

  /** Events already planned, with their clip id: makes duplicates and replays no-ops. */
  public static final String EMITTED_STORE = "planner-emitted";

  private PlannerNames() {}

  /** The changelog topic Kafka Streams creates for {@code store} under {@code applicationId}. */
  public static String changelogTopic(String applicationId, String store) {
    return applicationId + "-" + store + "-changelog";
  }
}
