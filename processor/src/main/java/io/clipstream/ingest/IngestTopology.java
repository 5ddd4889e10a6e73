package io.clipstream.ingest;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.ingest.json.DetectionPayloads;
import io.clipstream.ingest.json.GenericEvents;
import io.clipstream.ingest.json.MessageContext;
import io.clipstream.ingest.mapping.UnmappableMessageException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * JSON messages on the configured topics, translated into the Avro contracts and re-keyed by camera
 * id. A message that cannot be translated throws {@link UnmappableMessageException}, which {@link
 * IngestProcessingHandler} sends to the dead-letter topic with the reason.
 */
public final class IngestTopology {

  private IngestTopology() {}

  public static Topology build(
      IngestSettings settings, Serde<DetectionFrame> frames, Serde<Event> events) {
    StreamsBuilder builder = new StreamsBuilder();
    Consumed<String, byte[]> json = Consumed.with(Serdes.String(), Serdes.ByteArray());
    if (!settings.detectionTopics().isEmpty()) {
      DetectionPayloads payloads = new DetectionPayloads(settings.format());
      builder.stream(settings.detectionTopics(), json.withName("ingest-json-detections"))
          .processValues(
              () -> new Translate<DetectionFrame>((v, c) -> payloads.map(v, c), settings),
              Named.as("ingest-translate-detections"))
          .selectKey((k, frame) -> frame.getCameraId(), Named.as("ingest-key-detections"))
          .to(
              settings.detectionsTopic(),
              Produced.with(Serdes.String(), frames).withName("ingest-detections-out"));
    }
    if (!settings.eventTopics().isEmpty()) {
      builder.stream(settings.eventTopics(), json.withName("ingest-json-events"))
          .processValues(
              () -> new Translate<Event>(GenericEvents::map, settings),
              Named.as("ingest-translate-events"))
          .selectKey((k, event) -> event.getCameraId(), Named.as("ingest-key-events"))
          .to(
              settings.eventsTopic(),
              Produced.with(Serdes.String(), events).withName("ingest-events-out"));
    }
    return builder.build();
  }

  /** A payload mapper. */
  interface Mapper<T> {
    T map(byte[] value, MessageContext context);
  }

  /** Runs a mapper with the record's key and timestamp as fallbacks. */
  private static final class Translate<T> implements FixedKeyProcessor<String, byte[], T> {
    private final Mapper<T> mapper;
    private final IngestSettings settings;
    private FixedKeyProcessorContext<String, T> context;

    Translate(Mapper<T> mapper, IngestSettings settings) {
      this.mapper = mapper;
      this.settings = settings;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, T> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
      MessageContext fallbacks =
          new MessageContext(
              record.key(), record.timestamp(), settings.defaultCamera(), settings.scales());
      context.forward(record.withValue(mapper.map(record.value(), fallbacks)));
    }
  }
}
