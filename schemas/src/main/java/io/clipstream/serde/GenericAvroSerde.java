package io.clipstream.serde;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for {@link GenericRecord}s in the Confluent wire format, for tools that handle any schema;
 * call {@link #configure} with the {@link AvroSerdeConfig} keys before use.
 */
public class GenericAvroSerde implements Serde<GenericRecord> {

  private final AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
  private final GenericAvroDeserializer deserializer = new GenericAvroDeserializer();

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<GenericRecord> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<GenericRecord> deserializer() {
    return deserializer;
  }
}
