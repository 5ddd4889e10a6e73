package io.clipstream.cli;

import io.clipstream.testkit.RealKafka;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One deployment's topic names for the pipeline ITs, unique per run (the broker is shared by every
 * IT of the JVM).
 */
public record PipelineTopics(
    String run,
    String detections,
    String events,
    String segments,
    String commands,
    String ready,
    String failed,
    String deadLetter) {

  public static PipelineTopics unique(String prefix) {
    String run = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new PipelineTopics(
        run,
        run + ".cv.detections",
        run + ".cv.events",
        run + ".cv.segments",
        run + ".clips.render-commands",
        run + ".clips.ready",
        run + ".clips.failed",
        run + ".clips.dead-letter");
  }

  /** The inputs are joined per camera, so they have the same partition count. */
  public void create(RealKafka kafka) {
    for (String t : List.of(detections, events, segments, commands, ready, failed, deadLetter)) {
      kafka.createTopic(t, 2);
    }
  }

  /** The {@code topic.*} keys of the service's configuration. */
  public void putInto(Map<String, String> flags) {
    flags.put("topic.detections", detections);
    flags.put("topic.events", events);
    flags.put("topic.segments", segments);
    flags.put("topic.render-commands", commands);
    flags.put("topic.clips-ready", ready);
    flags.put("topic.clips-failed", failed);
    flags.put("topic.dead-letter", deadLetter);
  }
}
