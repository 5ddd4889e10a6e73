package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.contracts.Event;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {

  private final String scope = "serializer-" + UUID.randomUUID();
  private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(scope);
  }

  private AvroSerializer<Event> serializer(boolean isKey, Object... keyValues) {
    Map<String, Object> config = new HashMap<>(Map.of("schema.registry.url", "mock://" + scope));
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put((String) keyValues[i], keyValues[i + 1]);
    }
    AvroSerializer<Event> serializer = new AvroSerializer<>();
    serializer.configure(config, isKey);
    return serializer;
  }

  private static int idOf(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 1, 4).getInt();
  }

  @Test
  void shouldRegisterUnderTheTopicSubjectAndWriteItsId() {
    byte[] bytes = serializer(false).serialize("cv.events", SampleRecords.specific(Event.class));
    assertThat(registry.subjects()).containsExactly("cv.events-value");
    assertThat(idOf(bytes)).isEqualTo(registry.latest("cv.events-value").id());
  }

  @Test
  void shouldUseTheKeySubjectForKeys() {
    serializer(true).serialize("cv.events", SampleRecords.specific(Event.class));
    assertThat(registry.subjects()).containsExactly("cv.events-key");
  }

  @Test
  void shouldUseRecordNameSubjectsWhenConfiguredWithConfluentClassName() {
    serializer(
            false,
            "value.subject.name.strategy",
            "io.confluent.kafka.serializers.subject.RecordNameStrategy")
        .serialize("cv.events", SampleRecords.specific(Event.class));
    serializer(false, "value.subject.name.strategy", "TopicRecordNameStrategy")
        .serialize("cv.events", SampleRecords.specific(Event.class));
    assertThat(registry.subjects())
        .containsExactly(
            "io.clipstream.contracts.Event", "cv.events-io.clipstream.contracts.Event");
  }

  @Test
  void shouldFailWithTopicSubjectAndRemedyWhenAutoRegistrationIsOffAndSchemaIsMissing() {
    AvroSerializer<Event> serializer = serializer(false, "auto.register.schemas", false);
    assertThatThrownBy(() -> serializer.serialize("cv.events", SampleRecords.specific(Event.class)))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e -> {
              assertThat(e.topic()).isEqualTo("cv.events");
              assertThat(e.subject()).contains("cv.events-value");
              assertThat(e.isRecordProblem()).isFalse();
            })
        .hasMessageContaining("topic cv.events")
        .hasMessageContaining("subject 'cv.events-value'")
        .hasMessageContaining("auto.register.schemas=false")
        .hasMessageContaining("clipstream schemas register")
        .hasMessageContaining("auto.register.schemas=true");
    assertThat(registry.subjects()).isEmpty();
  }

  @Test
  void shouldLookUpTheRegisteredIdWhenAutoRegistrationIsOff() {
    int id = registry.register("cv.events-value", Event.getClassSchema());
    byte[] bytes =
        serializer(false, "auto.register.schemas", "false")
            .serialize("cv.events", SampleRecords.specific(Event.class));
    assertThat(idOf(bytes)).isEqualTo(id);
  }

  @Test
  void shouldWriteWithTheLatestVersionWhenUseLatestVersionIsOn() {
    int oldId = registry.register("cv.events-value", TestSchemas.eventWithoutOptionalFields());
    int latestId = registry.register("cv.events-value", Event.getClassSchema());
    byte[] bytes =
        serializer(false, "auto.register.schemas", false, "use.latest.version", true)
            .serialize("cv.events", SampleRecords.specific(Event.class));
    assertThat(idOf(bytes)).isEqualTo(latestId).isNotEqualTo(oldId);
  }

  @Test
  void shouldConvertRecordsOfAnOlderSchemaToTheLatestVersion() {
    registry.register("cv.events-value", TestSchemas.eventWithoutOptionalFields());
    int latestId = registry.register("cv.events-value", TestSchemas.eventWithExtraField());
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
    serializer.configure(
        Map.of(
            "schema.registry.url",
            "mock://" + scope,
            "auto.register.schemas",
            false,
            "use.latest.version",
            true),
        false);
    GenericRecord old = SampleRecords.generic(TestSchemas.eventWithoutOptionalFields());

    byte[] bytes = serializer.serialize("cv.events", old);

    assertThat(idOf(bytes)).isEqualTo(latestId);
    GenericAvroDeserializer deserializer = new GenericAvroDeserializer();
    deserializer.configure(Map.of("schema.registry.url", "mock://" + scope), false);
    GenericRecord read = deserializer.deserialize("cv.events", bytes);
    assertThat(read.get("severity")).hasToString("low");
    assertThat(read.get("event_id")).hasToString(old.get("event_id").toString());
  }

  @Test
  void shouldRefuseUseLatestVersionWhenTheLatestSchemaCannotReadTheRecord() {
    registry.register("foo-value", TestSchemas.foreignRecordWithDefaultedField());
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
    serializer.configure(
        Map.of(
            "schema.registry.url",
            "mock://" + scope,
            "auto.register.schemas",
            false,
            "use.latest.version",
            true),
        false);
    GenericRecord event = SampleRecords.generic(Event.getClassSchema());
    assertThatThrownBy(() -> serializer.serialize("foo", event))
        .isInstanceOf(AvroSerdeException.class)
        .hasMessageContaining("topic foo")
        .hasMessageContaining("subject 'foo-value'")
        .hasMessageContaining("schema id 1")
        .hasMessageContaining("use.latest.version=false");
  }

  @Test
  void shouldRefuseAnIncompatibleSchemaWithTopicAndSubjectInTheMessage() {
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
    serializer.configure(Map.of("schema.registry.url", "mock://" + scope), false);
    serializer.serialize(
        "foo",
        new GenericData.Record(TestSchemas.foreignRecord()) {
          {
            put("id", "a");
            put("n", 1);
          }
        });
    GenericData.Record breaking =
        new GenericData.Record(TestSchemas.foreignRecordWithRequiredField());
    breaking.put("id", "a");
    breaking.put("n", 1);
    breaking.put("added", "x");
    assertThatThrownBy(() -> serializer.serialize("foo", breaking))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e ->
                assertThat(e.getCause())
                    .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        c ->
                            assertThat(c.kind())
                                .isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE)))
        .hasMessageContaining(
            "cannot register value schema io.other.Foo for topic foo (subject 'foo-value')")
        .hasMessageContaining("incompatible");
  }

  @Test
  void shouldReportARecordThatDoesNotMatchItsSchemaAsARecordProblem() {
    Event bad = SampleRecords.specific(Event.class);
    bad.put("camera_id", null);
    assertThatThrownBy(() -> serializer(false).serialize("cv.events", bad))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e -> {
              assertThat(e.isRecordProblem()).isTrue();
              assertThat(e.schemaId()).isPresent();
            })
        .hasMessageContaining("topic cv.events")
        .hasMessageContaining("camera_id");
  }

  @Test
  void shouldRefuseUseBeforeConfigure() {
    assertThatThrownBy(
            () -> new AvroSerializer<Event>().serialize("t", SampleRecords.specific(Event.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("configure");
  }

  @Test
  void shouldSerializeFromManyThreadsAtOnce() throws Exception {
    AvroSerializer<Event> serializer = serializer(false);
    Event event = SampleRecords.specific(Event.class);
    byte[] expected = serializer.serialize("cv.events", event);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        results.add(pool.submit(() -> serializer.serialize("cv.events", event)));
      }
      for (java.util.concurrent.Future<byte[]> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldAskTheRegistryOncePerSchema() {
    AvroSerializer<Event> serializer = serializer(false);
    for (int i = 0; i < 100; i++) {
      serializer.serialize("cv.events", SampleRecords.specific(Event.class));
    }
    MockSchemaRegistry.drop(scope); // a cached id no longer needs the registry
    assertThat(serializer.serialize("cv.events", SampleRecords.specific(Event.class))).isNotEmpty();
  }
}
