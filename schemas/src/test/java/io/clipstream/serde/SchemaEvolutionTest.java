package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.Event;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Producers and consumers upgrade independently: each side reads what the other wrote. */
class SchemaEvolutionTest {

  private final String scope = "evolution-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(scope);
  }

  private byte[] write(GenericContainer record) {
    AvroSerializer<GenericContainer> serializer = new AvroSerializer<>();
    serializer.configure(config, false);
    return serializer.serialize("cv.events", record);
  }

  private Event readAsEvent(byte[] bytes) {
    SpecificAvroDeserializer<Event> deserializer = new SpecificAvroDeserializer<>(Event.class);
    deserializer.configure(config, false);
    return deserializer.deserialize("cv.events", bytes);
  }

  @Test
  void shouldFillDefaultsWhenReadingRecordsOfAnOlderSchema() {
    GenericRecord old = SampleRecords.generic(TestSchemas.eventWithoutOptionalFields());
    Event read = readAsEvent(write(old));
    assertThat(read.getEventId()).isEqualTo(old.get("event_id").toString());
    assertThat(read.getStart().toEpochMilli()).isEqualTo(old.get("start"));
    assertThat(read.getUpdatedAt()).isNull();
    assertThat(read.getRenderOptions()).isNull();
  }

  @Test
  void shouldIgnoreFieldsAddedByANewerProducer() {
    GenericRecord newer = SampleRecords.generic(TestSchemas.eventWithExtraField());
    Event read = readAsEvent(write(newer));
    assertThat(read.getEventId()).isEqualTo(newer.get("event_id").toString());
    assertThat(read.getSchema()).isEqualTo(Event.getClassSchema());
  }

  @Test
  void shouldRegisterTheEvolvedSchemaAsANewVersionOfTheSameSubject() {
    write(SampleRecords.generic(TestSchemas.eventWithoutOptionalFields()));
    write(SampleRecords.specific(Event.class));
    RegisteredSchema latest = MockSchemaRegistry.forScope(scope).latest("cv.events-value");
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.schema()).isEqualTo(Event.getClassSchema());
  }

  @Test
  void shouldReadOldAndNewRecordsWithOneDeserializer() {
    byte[] old = write(SampleRecords.generic(TestSchemas.eventWithoutOptionalFields()));
    byte[] current = write(SampleRecords.specific(Event.class));
    SpecificAvroDeserializer<Event> deserializer = new SpecificAvroDeserializer<>(Event.class);
    deserializer.configure(config, false);
    assertThat(deserializer.deserialize("cv.events", old).getUpdatedAt()).isNull();
    assertThat(deserializer.deserialize("cv.events", current).getUpdatedAt()).isNotNull();
  }
}
