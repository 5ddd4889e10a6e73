package io.clipstream.renderer;

import static io.clipstream.renderer.RendererNames.COMMANDS_PROCESSOR;
import static io.clipstream.renderer.RendererNames.COMPLETED_STORE;
import static io.clipstream.renderer.RendererNames.PENDING_STORE;
import static io.clipstream.renderer.RendererNames.SINK_CLIPS_FAILED;
import static io.clipstream.renderer.RendererNames.SINK_CLIPS_READY;
import static io.clipstream.renderer.RendererNames.SOURCE_COMMANDS;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The renderer topology, one pure function of its settings, serdes and the render pool:
 *
 * <pre>
 * clips.render-commands -> renderer-commands (renderer-pending, renderer-completed)
 *                            -> renderer-sink-clips-ready  -> clips.ready  (key: event id)
 *                            -> renderer-sink-clips-failed -> clips.failed (key: event id)
 * </pre>
 *
 * It knows nothing of FFmpeg: rendering happens behind the pool's {@link ClipBackend}.
 */
public final class RendererTopology {

  private RendererTopology() {}

  public static Topology build(
      RenderServiceSettings settings,
      RendererSerdes serdes,
      RenderPool pool,
      RendererMetrics metrics) {
    RendererTopics topics = settings.topics();
    Serde<String> keys = Serdes.String();
    Topology topology = new Topology();
    topology.addSource(
        AutoOffsetReset.earliest(),
        SOURCE_COMMANDS,
        keys.deserializer(),
        serdes.commands().deserializer(),
        topics.commands());
    topology.addProcessor(
        COMMANDS_PROCESSOR,
        () -> new RenderCommandProcessor(settings, pool, metrics),
        SOURCE_COMMANDS);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_STORE), keys, serdes.commands()),
        COMMANDS_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(COMPLETED_STORE), keys, Serdes.Long()),
        COMMANDS_PROCESSOR);
    topology.addSink(
        SINK_CLIPS_READY,
        topics.ready(),
        keys.serializer(),
        serdes.ready().serializer(),
        COMMANDS_PROCESSOR);
    topology.addSink(
        SINK_CLIPS_FAILED,
        topics.failed(),
        keys.serializer(),
        serdes.failed().serializer(),
        COMMANDS_PROCESSOR);
    return topology;
  }
}
