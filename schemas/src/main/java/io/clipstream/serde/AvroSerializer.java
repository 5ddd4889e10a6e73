package io.clipstream.serde;

import java.io.IOException;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro records in the Confluent wire format, for generated classes (our
 * contracts) and generic records (tools) alike.
 *
 * <p>The subject comes from the configured {@link SubjectNameStrategy}; the schema id from
 * registration ({@code auto.register.schemas=true}, the default), a lookup, or the subject's latest
 * version ({@code use.latest.version}). The registry is asked once per schema, then the answer is
 * cached. {@code null} serializes to {@code null} so tombstones pass through. Thread-safe once
 * configured. Failures are {@link AvroSerdeException}s naming topic, subject and the fix.
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

  private volatile Configured configured;

  private record Configured(
      boolean isKey, SubjectNameStrategy strategy, WriterSchemas schemas, String registry) {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    SchemaRegistryClient client = SchemaRegistryClients.create(config);
    configured =
        new Configured(
            isKey,
            config.subjectNameStrategy(isKey),
            new WriterSchemas(client, config, isKey),
            client.location());
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return serialize(topic, null, data);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, T data) {
    if (data == null) {
      return null;
    }
    Configured c = configured;
    if (c == null) {
      throw new IllegalStateException(
          "AvroSerializer used before configure(); pass the serde configuration "
              + "(at least "
              + AvroSerdeConfig.SCHEMA_REGISTRY_URL
              + ") to configure() first");
    }
    String part = c.isKey() ? "key" : "value";
    String subject;
    try {
      subject = c.strategy().subject(topic, c.isKey(), data.getSchema());
    } catch (IllegalArgumentException e) {
      throw new AvroSerdeException(
          "cannot name the registry subject for the "
              + part
              + " of topic "
              + topic
              + ": "
              + e.getMessage(),
          topic,
          c.isKey(),
          null,
          null,
          false,
          e);
    }
    boolean specific = AvroCodec.isSpecific(data);
    WriterSchemas.Plan plan = c.schemas().plan(topic, subject, data.getSchema(), specific);
    try {
      Object datum =
          plan.converts()
              ? AvroCodec.convert(data, plan.recordSchema(), plan.writeSchema(), specific)
              : data;
      return AvroCodec.encode(plan.id(), plan.writer(), datum);
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new AvroSerdeException(
          "cannot serialize "
              + part
              + " of "
              + data.getSchema().getFullName()
              + " for topic "
              + topic
              + " (subject '"
              + subject
              + "', schema id "
              + plan.id()
              + " in "
              + c.registry()
              + "): "
              + e
              + ". The record does not match its schema (a required field is null or has the wrong type): fix the "
              + "producer",
          topic,
          c.isKey(),
          subject,
          plan.id(),
          true,
          e);
    }
  }
}
