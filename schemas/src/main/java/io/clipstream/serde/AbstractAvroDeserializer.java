package io.clipstream.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: header, writer schema by id from the registry, then Avro schema
 * resolution from the writer's schema to the reader's. Subclasses choose the reader schema and the
 * kind of objects produced.
 *
 * <p>Before the first record of a writer schema id is read, the reader/writer pair is checked with
 * {@link SchemaCompatibility}, so an unreadable topic fails with an explanation instead of garbage
 * or an {@code ArrayIndexOutOfBoundsException}. The prepared reader (or the refusal) is cached per
 * id. {@code null} deserializes to {@code null}. Thread-safe once configured.
 */
public abstract class AbstractAvroDeserializer<T> implements Deserializer<T> {

  private volatile Configured<T> configured;

  private record Configured<R>(
      boolean isKey,
      SubjectNameStrategy strategy,
      SchemaRegistryClient client,
      AvroSerdeConfig config,
      BoundedCache<Integer, ReaderPlan<R>> plans) {}

  /** How records of one writer id are read, or why they cannot be. */
  private record ReaderPlan<R>(Schema writer, DatumReader<R> reader, String refusal) {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    configured =
        new Configured<>(
            isKey,
            config.subjectNameStrategy(isKey),
            SchemaRegistryClients.create(config),
            config,
            new BoundedCache<>(config.cacheCapacity()));
  }

  /**
   * The schema to read records written with {@code writer} as, or null when this deserializer
   * cannot read them ({@link #noReaderReason} then says why).
   */
  protected abstract Schema readerSchema(Schema writer, AvroSerdeConfig config);

  /** A datum reader resolving {@code writer} to {@code reader}. */
  protected abstract DatumReader<T> datumReader(Schema writer, Schema reader);

  /**
   * Why records written with {@code writer} cannot be read, when {@link #readerSchema} returned
   * null.
   */
  protected abstract String noReaderReason(Schema writer);

  @Override
  public T deserialize(String topic, byte[] data) {
    return deserialize(topic, null, data);
  }

  @Override
  public T deserialize(String topic, Headers headers, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return deserialize(topic, headers, bytes);
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    if (data == null) {
      return null;
    }
    Configured<T> c = configured;
    if (c == null) {
      throw new IllegalStateException(
          getClass().getSimpleName()
              + " used before configure(); pass the serde "
              + "configuration (at least "
              + AvroSerdeConfig.SCHEMA_REGISTRY_URL
              + ") to configure() first");
    }
    String problem = WireFormat.problem(data);
    if (problem != null) {
      throw failure(
          c,
          topic,
          subject(c, topic, null),
          null,
          "cannot read "
              + part(c)
              + " at topic "
              + topic
              + ": "
              + problem
              + ReadFailures.headerHint(headers),
          true,
          null);
    }
    int id = ByteBuffer.wrap(data, 1, 4).getInt();
    ReaderPlan<T> plan = c.plans().computeIfAbsent(id, key -> prepare(c, topic, id));
    String subject = subject(c, topic, plan.writer());
    if (plan.refusal() != null) {
      throw failure(c, topic, subject, id, plan.refusal(), true, null);
    }
    try {
      return plan.reader()
          .read(
              null,
              DecoderFactory.get()
                  .binaryDecoder(
                      data,
                      WireFormat.HEADER_LENGTH,
                      data.length - WireFormat.HEADER_LENGTH,
                      null));
    } catch (IOException
        | AvroRuntimeException
        | IndexOutOfBoundsException
        | ClassCastException e) {
      throw failure(
          c,
          topic,
          subject,
          id,
          "cannot decode "
              + part(c)
              + " at topic "
              + topic
              + " written with schema id "
              + id
              + " ("
              + plan.writer().getFullName()
              + ", subject '"
              + subject
              + "'): "
              + e
              + ". The bytes do not match the schema registered under that id: was the record produced against a "
              + "different registry?",
          true,
          e);
    }
  }

  private ReaderPlan<T> prepare(Configured<T> c, String topic, int id) {
    Schema writer;
    try {
      writer = c.client().byId(id);
    } catch (SchemaRegistryException e) {
      boolean unknown = e.isNotFound();
      throw failure(
          c,
          topic,
          subject(c, topic, null),
          id,
          unknown
              ? ReadFailures.unknownId(part(c), topic, id, c.client().location(), e)
              : "cannot read "
                  + part(c)
                  + " at topic "
                  + topic
                  + " written with schema id "
                  + id
                  + ": "
                  + e.getMessage(),
          unknown,
          e);
    }
    Schema reader = readerSchema(writer, c.config());
    String refusal =
        reader == null
            ? ReadFailures.noReader(part(c), topic, id, writer, noReaderReason(writer))
            : ReadFailures.incompatible(
                part(c),
                topic,
                id,
                writer,
                reader,
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer));
    return new ReaderPlan<>(writer, refusal == null ? datumReader(writer, reader) : null, refusal);
  }

  private static String subject(Configured<?> c, String topic, Schema writer) {
    if (c.strategy().dependsOnSchema() && writer == null) {
      return null;
    }
    try {
      return c.strategy().subject(topic, c.isKey(), writer);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String part(Configured c) {
    return c.isKey() ? "key" : "value";
  }

  private static AvroSerdeException failure(
      Configured<?> c,
      String topic,
      String subject,
      Integer id,
      String message,
      boolean recordProblem,
      Throwable cause) {
    return new AvroSerdeException(message, topic, c.isKey(), subject, id, recordProblem, cause);
  }
}
