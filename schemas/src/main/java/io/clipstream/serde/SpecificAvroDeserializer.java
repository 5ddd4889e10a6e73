package io.clipstream.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Confluent-wire-format Avro records as a generated class, resolving whatever compatible
 * schema the producer wrote with to the class's own schema: {@code new
 * SpecificAvroDeserializer<>(Event.class)} reads older and newer versions of {@code Event} alike.
 *
 * <p>Created with the no-argument constructor (for example from a {@code value.deserializer} class
 * name), it picks the generated class named like the writer's record, as Confluent's deserializer
 * does with {@code specific.avro.reader=true}.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord>
    extends AbstractAvroDeserializer<T> {

  private final Schema readerSchema;

  /** Reads every record as {@code type}, whatever compatible schema it was written with. */
  public SpecificAvroDeserializer(Class<T> type) {
    this.readerSchema = SpecificData.get().getSchema(type);
  }

  /** Reads each record as the generated class named like its writer schema. */
  public SpecificAvroDeserializer() {
    this.readerSchema = null;
  }

  @Override
  protected Schema readerSchema(Schema writer, AvroSerdeConfig config) {
    if (readerSchema != null) {
      return readerSchema;
    }
    Class<?> generated = SpecificData.get().getClass(writer);
    return generated == null || !SpecificRecord.class.isAssignableFrom(generated)
        ? null
        : SpecificData.get().getSchema(generated);
  }

  @Override
  protected DatumReader<T> datumReader(Schema writer, Schema reader) {
    // The reader schema's SpecificData carries the class's logical-type conversions (Instant for
    // timestamps).
    return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
  }

  @Override
  protected String noReaderReason(Schema writer) {
    return "no generated class named " + writer.getFullName() + " is on the classpath";
  }
}
