package io.clipstream.planner;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.Segment;
import io.clipstream.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The value serdes of the planner's topics and stores (keys are UTF-8 strings). They are passed to
 * the topology already configured, because Kafka Streams configures only serdes it creates itself.
 */
public record PlannerSerdes(
    Serde<DetectionFrame> detections,
    Serde<Event> events,
    Serde<Segment> segments,
    Serde<RenderCommand> commands,
    Serde<ClipFailed> failures) {

  /** Serdes of the contract types configured with {@code serdeConfig} (the registry settings). */
  public static PlannerSerdes avro(Map<String, ?> serdeConfig) {
    return new PlannerSerdes(
        configured(DetectionFrame.class, serdeConfig),
        configured(Event.class, serdeConfig),
        configured(Segment.class, serdeConfig),
        configured(RenderCommand.class, serdeConfig),
        configured(ClipFailed.class, serdeConfig));
  }

  /** Keys of every planner topic and store. */
  public Serde<String> keys() {
    return Serdes.String();
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> Serde<T> configured(
      Class<T> type, Map<String, ?> config) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
    serde.configure(config, false);
    return serde;
  }
}
