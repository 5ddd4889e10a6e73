package io.clipstream.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for a generated Avro class in the Confluent wire format, for example {@code new
 * SpecificAvroSerde<>(Event.class)}; call {@link #configure} with the {@link AvroSerdeConfig} keys
 * before use (Kafka Streams does so only for serdes named in its configuration, not for instances
 * passed to {@code Consumed.with} and the like).
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final AvroSerializer<T> serializer = new AvroSerializer<>();
  private final SpecificAvroDeserializer<T> deserializer;

  /** Reads every record as {@code type}, resolving older and newer writer schemas to it. */
  public SpecificAvroSerde(Class<T> type) {
    this.deserializer = new SpecificAvroDeserializer<>(type);
  }

  /**
   * Reads each record as the generated class named like its writer schema; this is the constructor
   * Kafka Streams uses for a serde named by class in {@code default.value.serde}.
   */
  public SpecificAvroSerde() {
    this.deserializer = new SpecificAvroDeserializer<>();
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
