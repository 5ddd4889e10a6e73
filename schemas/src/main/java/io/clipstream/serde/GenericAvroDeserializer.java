package io.clipstream.serde;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Confluent-wire-format Avro records as {@link GenericRecord}s with the writer's own schema,
 * for tools that handle any topic. Strings are {@link org.apache.avro.util.Utf8}, timestamps their
 * raw {@code long}s, as with Confluent's generic deserializer.
 *
 * <p>With {@code specific.avro.reader=true} a record whose writer schema names a generated class on
 * the classpath is returned as that class (generated classes are {@code GenericRecord}s too).
 */
public class GenericAvroDeserializer extends AbstractAvroDeserializer<GenericRecord> {

  private volatile boolean specificReader;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    super.configure(configs, isKey);
    specificReader = new AvroSerdeConfig(configs).specificAvroReader();
  }

  @Override
  protected Schema readerSchema(Schema writer, AvroSerdeConfig config) {
    if (writer.getType() != Schema.Type.RECORD) {
      return null;
    }
    Class<?> generated = generatedClass(writer);
    return generated == null ? writer : SpecificData.get().getSchema(generated);
  }

  @Override
  protected DatumReader<GenericRecord> datumReader(Schema writer, Schema reader) {
    if (generatedClass(reader) != null) {
      return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }
    return new GenericDatumReader<>(writer, writer, GenericData.get());
  }

  /**
   * The generated class to read records of {@code schema} as, when specific.avro.reader asks for
   * one.
   */
  private Class<?> generatedClass(Schema schema) {
    if (!specificReader) {
      return null;
    }
    Class<?> generated = SpecificData.get().getClass(schema);
    return generated != null && SpecificRecord.class.isAssignableFrom(generated) ? generated : null;
  }

  @Override
  protected String noReaderReason(Schema writer) {
    return "the generic deserializer reads records, and this is a "
        + writer.getType().getName()
        + " schema";
  }
}
