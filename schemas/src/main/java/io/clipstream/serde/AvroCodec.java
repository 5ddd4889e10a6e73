package io.clipstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro binary encoding and decoding shared by the serializer and the deserializers. */
final class AvroCodec {

  /**
   * Generic data model used when writing generic records: it accepts logical-type values both raw
   * ({@code Long} for a timestamp) and converted ({@code Instant}), because tools build records
   * either way.
   */
  static final GenericData GENERIC_WRITE_MODEL = genericWriteModel();

  private AvroCodec() {}

  /**
   * A writer of {@code schema} for datums like {@code example}: generated classes or generic
   * records.
   */
  static DatumWriter<Object> writer(Schema schema, boolean specific) {
    return specific
        ? new SpecificDatumWriter<>(schema)
        : new GenericDatumWriter<>(schema, GENERIC_WRITE_MODEL);
  }

  static boolean isSpecific(Object datum) {
    return datum instanceof SpecificRecord;
  }

  /**
   * The Avro binary encoding of {@code datum}, after the wire-format header for {@code schemaId}.
   */
  static byte[] encode(int schemaId, DatumWriter<Object> writer, Object datum) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    WireFormat.writeHeader(out, schemaId);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    writer.write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /**
   * Re-encodes {@code datum} (of schema {@code from}) as schema {@code to} by Avro schema
   * resolution.
   */
  static Object convert(Object datum, Schema from, Schema to, boolean specific) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    writer(from, specific).write(datum, encoder);
    encoder.flush();
    DatumReader<Object> reader = new GenericDatumReader<>(from, to, GENERIC_WRITE_MODEL);
    return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }

  private static GenericData genericWriteModel() {
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    return model;
  }
}
