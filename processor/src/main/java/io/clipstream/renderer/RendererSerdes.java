package io.clipstream.renderer;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the renderer's topics and stores, passed to the topology already configured
 * (Kafka Streams configures only serdes it creates itself).
 */
public record RendererSerdes(
    Serde<RenderCommand> commands, Serde<ClipReady> ready, Serde<ClipFailed> failed) {

  /** Serdes of the contract types configured with {@code serdeConfig} (the registry settings). */
  public static RendererSerdes avro(Map<String, ?> serdeConfig) {
    return new RendererSerdes(
        configured(RenderCommand.class, serdeConfig),
        configured(ClipReady.class, serdeConfig),
        configured(ClipFailed.class, serdeConfig));
  }

  private static <T extends SpecificRecord> Serde<T> configured(
      Class<T> type, Map<String, ?> config) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(config, false);
    return serde;
  }
}
