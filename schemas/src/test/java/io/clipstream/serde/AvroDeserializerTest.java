package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroDeserializerTest {

  private final String scope = "deserializer-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(scope);
  }

  private SpecificAvroDeserializer<Event> eventDeserializer() {
    SpecificAvroDeserializer<Event> deserializer = new SpecificAvroDeserializer<>(Event.class);
    deserializer.configure(config, false);
    return deserializer;
  }

  private byte[] write(GenericContainer record) {
    return write("cv.events", record);
  }

  private byte[] write(String topic, GenericContainer record) {
    AvroSerializer<GenericContainer> serializer = new AvroSerializer<>();
    serializer.configure(config, false);
    return serializer.serialize(topic, record);
  }

  @Test
  void shouldExplainJsonOnAnAvroTopic() {
    byte[] json =
        "{\"event_id\":\"violation_001\",\"timestamp\":1716530001.2}"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> eventDeserializer().deserialize("cv.events", json))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e -> {
              assertThat(e.isRecordProblem()).isTrue();
              assertThat(e.topic()).isEqualTo("cv.events");
              assertThat(e.subject()).contains("cv.events-value");
              assertThat(e.schemaId()).isEmpty();
            })
        .hasMessageContaining("cannot read value at topic cv.events")
        .hasMessageContaining("first byte was 0x7B")
        .hasMessageContaining("looks like JSON");
  }

  @Test
  void shouldPointAtApicurioSerializerHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("apicurio.value.globalId", new byte[8]);
    assertThatThrownBy(
            () -> eventDeserializer().deserialize("cv.events", headers, new byte[] {2, 10, 20}))
        .hasMessageContaining("Apicurio serializer headers (apicurio.value.globalId)");
  }

  @Test
  void shouldNameTheUnknownSchemaIdAndTheRegistry() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WireFormat.writeHeader(out, 4242);
    out.write(0);
    assertThatThrownBy(() -> eventDeserializer().deserialize("cv.events", out.toByteArray()))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e -> {
              assertThat(e.isRecordProblem()).isTrue();
              assertThat(e.schemaId()).contains(4242);
            })
        .hasMessageContaining("value at topic cv.events was written with schema id 4242")
        .hasMessageContaining("mock://" + scope)
        .hasMessageContaining("different registry");
  }

  @Test
  void shouldRefuseAWriterSchemaThatCannotBeReadAsTheTargetClass() {
    GenericData.Record foo = new GenericData.Record(TestSchemas.foreignRecord());
    foo.put("id", "x");
    foo.put("n", 3);
    byte[] bytes = write(foo);
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThatThrownBy(() -> eventDeserializer().deserialize("cv.events", bytes))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e -> {
              assertThat(e.isRecordProblem()).isTrue();
              assertThat(e.schemaId()).contains(id);
            })
        .hasMessageContaining(
            "value at topic cv.events was written with schema id " + id + " (io.other.Foo)")
        .hasMessageContaining("cannot be read as io.clipstream.contracts.Event")
        .hasMessageContaining("produce with the Event schema".substring(1))
        .hasMessageContaining("route this topic elsewhere");
  }

  @Test
  void shouldExplainBytesThatDoNotMatchTheirSchema() {
    byte[] valid = write(SampleRecords.specific(Event.class));
    byte[] truncated = java.util.Arrays.copyOf(valid, 12);
    assertThatThrownBy(() -> eventDeserializer().deserialize("cv.events", truncated))
        .isInstanceOfSatisfying(
            AvroSerdeException.class, e -> assertThat(e.isRecordProblem()).isTrue())
        .hasMessageContaining("cannot decode value at topic cv.events written with schema id")
        .hasMessageContaining("subject 'cv.events-value'");
  }

  @Test
  void shouldPickTheGeneratedClassByWriterNameWithoutATargetClass() {
    SpecificAvroDeserializer<SpecificRecord> any = new SpecificAvroDeserializer<>();
    any.configure(config, false);
    Segment segment = SampleRecords.specific(Segment.class);
    assertThat(any.deserialize("cv.events", write(segment))).isEqualTo(segment);
  }

  @Test
  void shouldReturnGeneratedClassesFromTheGenericDeserializerWhenSpecificReaderIsOn() {
    GenericAvroDeserializer generic = new GenericAvroDeserializer();
    generic.configure(
        Map.of("schema.registry.url", "mock://" + scope, "specific.avro.reader", true), false);
    Event event = SampleRecords.specific(Event.class);
    GenericRecord foreign = new GenericData.Record(TestSchemas.foreignRecord());
    foreign.put("id", "x");
    foreign.put("n", 3);

    assertThat(generic.deserialize("cv.events", write(event))).isEqualTo(event);
    assertThat(generic.deserialize("other", write("other", foreign)))
        .isInstanceOf(GenericData.Record.class);
  }

  @Test
  void shouldReadFromAByteBufferView() {
    Event event = SampleRecords.specific(Event.class);
    byte[] bytes = write(event);
    ByteBuffer buffer =
        ByteBuffer.allocate(bytes.length + 4).position(2).put(bytes).flip().position(2);
    assertThat(eventDeserializer().deserialize("cv.events", null, buffer)).isEqualTo(event);
  }
}
