package io.clipstream.planner;

import static io.clipstream.planner.PlannerNames.*;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The planner topology: one pure function of settings and serdes, used by the service and the tests
 * alike.
 *
 * <pre>
 * cv.detections -> planner-store-detections  (writes planner-detections)
 * cv.segments   -> planner-store-segments    (writes planner-segments)
 * cv.events     -> planner-events            (planner-events, planner-emitted; reads the others)
 *                    -> planner-sink-render-commands -> clips.render-commands (key: camera id)
 *                    -> planner-sink-clips-failed    -> clips.failed          (key: event id)
 * </pre>
 *
 * All four stores are persistent and changelogged; the three inputs must be co-partitioned (see
 * {@link CoPartitioningCheck}) because the stores join them per camera inside one task.
 */
public final class PlannerTopology {

  private PlannerTopology() {}

  public static Topology build(PlannerSettings settings, PlannerSerdes serdes) {
    PlannerTopics topics = settings.topics();
    Serde<String> keys = serdes.keys();
    PlannerTimestamps time = new PlannerTimestamps(settings.maxEventDuration());
    // Kafka Streams' own default, stated: a new planner reads the inputs from the start.
    AutoOffsetReset reset = AutoOffsetReset.earliest();
    Topology topology = new Topology();

    topology.addSource(
        reset,
        SOURCE_DETECTIONS,
        time,
        keys.deserializer(),
        serdes.detections().deserializer(),
        topics.detections());
    topology.addSource(
        reset,
        SOURCE_SEGMENTS,
        time,
        keys.deserializer(),
        serdes.segments().deserializer(),
        topics.segments());
    topology.addSource(
        reset,
        SOURCE_EVENTS,
        time,
        keys.deserializer(),
        serdes.events().deserializer(),
        topics.events());

    topology.addProcessor(
        STORE_DETECTIONS_PROCESSOR, DetectionIngestProcessor::new, SOURCE_DETECTIONS);
    topology.addProcessor(STORE_SEGMENTS_PROCESSOR, SegmentIngestProcessor::new, SOURCE_SEGMENTS);
    topology.addProcessor(EVENTS_PROCESSOR, () -> new EventProcessor(settings), SOURCE_EVENTS);

    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DETECTIONS_STORE), keys, serdes.detections()),
        STORE_DETECTIONS_PROCESSOR,
        EVENTS_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SEGMENTS_STORE), keys, serdes.segments()),
        STORE_SEGMENTS_PROCESSOR,
        EVENTS_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(EVENTS_STORE), keys, serdes.events()),
        EVENTS_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(EMITTED_STORE), keys, Serdes.String()),
        EVENTS_PROCESSOR);

    topology.addSink(
        SINK_RENDER_COMMANDS,
        topics.renderCommands(),
        keys.serializer(),
        serdes.commands().serializer(),
        EVENTS_PROCESSOR);
    topology.addSink(
        SINK_CLIPS_FAILED,
        topics.clipsFailed(),
        keys.serializer(),
        serdes.failures().serializer(),
        EVENTS_PROCESSOR);
    return topology;
  }
}
