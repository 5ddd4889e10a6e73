package io.clipstream.app;

import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.Role;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.Segment;
import io.clipstream.planner.PlannerNames;
import io.clipstream.renderer.RendererNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The internal topics whose values go through the Avro serdes: the changelogs of the state stores
 * that hold contract records. Their serializers look their subjects up in the registry like those
 * of the contract topics, so a registry that forbids auto-registration needs them registered before
 * the service runs ({@code clipstream schemas register --config FILE} does it). The other stores
 * keep plain strings and longs and need no subject.
 */
public final class InternalTopics {

  private InternalTopics() {}

  /** Changelog topic to value schema, for the roles {@code config} runs, in a stable order. */
  public static Map<String, Schema> avroValues(ClipstreamConfig config) {
    Map<String, Schema> topics = new LinkedHashMap<>();
    if (config.roles().contains(Role.PLANNER)) {
      String planner = ClipstreamApp.applicationId(config, Role.PLANNER);
      topics.put(
          PlannerNames.changelogTopic(planner, PlannerNames.DETECTIONS_STORE),
          DetectionFrame.getClassSchema());
      topics.put(
          PlannerNames.changelogTopic(planner, PlannerNames.SEGMENTS_STORE),
          Segment.getClassSchema());
      topics.put(
          PlannerNames.changelogTopic(planner, PlannerNames.EVENTS_STORE), Event.getClassSchema());
    }
    if (config.roles().contains(Role.RENDERER)) {
      String renderer = ClipstreamApp.applicationId(config, Role.RENDERER);
      topics.put(
          PlannerNames.changelogTopic(renderer, RendererNames.PENDING_STORE),
          RenderCommand.getClassSchema());
    }
    return topics;
  }
}
