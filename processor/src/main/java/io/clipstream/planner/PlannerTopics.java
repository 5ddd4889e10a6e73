package io.clipstream.planner;

import io.clipstream.topics.ContractTopic;
import java.util.List;
import java.util.Objects;

/**
 * Topic names the planner reads and writes; {@link #defaults()} takes them from {@link
 * ContractTopic}.
 */
public record PlannerTopics(
    String detections,
    String events,
    String segments,
    String renderCommands,
    String clipsFailed,
    String deadLetter) {

  public PlannerTopics {
    for (String topic :
        List.of(detections, events, segments, renderCommands, clipsFailed, deadLetter)) {
      if (Objects.requireNonNull(topic, "topic names must not be null").isBlank()) {
        throw new IllegalArgumentException("topic names must not be blank");
      }
    }
  }

  /** The contract table's default names. */
  public static PlannerTopics defaults() {
    return new PlannerTopics(
        ContractTopic.DETECTIONS.defaultName(),
        ContractTopic.EVENTS.defaultName(),
        ContractTopic.SEGMENTS.defaultName(),
        ContractTopic.RENDER_COMMANDS.defaultName(),
        ContractTopic.CLIPS_FAILED.defaultName(),
        ContractTopic.DEAD_LETTER.defaultName());
  }

  /** The three inputs, keyed by camera id, that must be co-partitioned. */
  public List<String> inputs() {
    return List.of(detections, events, segments);
  }
}
