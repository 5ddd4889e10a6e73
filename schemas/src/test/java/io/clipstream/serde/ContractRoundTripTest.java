package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.Segment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every contract survives the wire format through a mock registry, as generated class and as
 * generic record.
 */
class ContractRoundTripTest {

  private final String scope = "roundtrip-" + UUID.randomUUID();
  private final Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);

  static Stream<Class<? extends SpecificRecord>> contracts() {
    return Stream.of(
        DetectionFrame.class,
        Event.class,
        Segment.class,
        RenderCommand.class,
        ClipReady.class,
        ClipFailed.class);
  }

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(scope);
  }

  @ParameterizedTest
  @MethodSource("contracts")
  <T extends SpecificRecord> void shouldRoundTripEveryFieldOfEachContractAsGeneratedClass(
      Class<T> type) {
    T record = SampleRecords.specific(type);
    try (SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type)) {
      serde.configure(config, false);
      byte[] bytes = serde.serializer().serialize("topic", record);
      assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
      assertThat(serde.deserializer().deserialize("topic", bytes)).isEqualTo(record);
    }
  }

  @ParameterizedTest
  @MethodSource("contracts")
  void shouldRoundTripEveryFieldOfEachContractAsGenericRecord(
      Class<? extends SpecificRecord> type) {
    GenericRecord record =
        SampleRecords.generic(org.apache.avro.specific.SpecificData.get().getSchema(type));
    try (GenericAvroSerde serde = new GenericAvroSerde()) {
      serde.configure(config, false);
      GenericRecord read =
          serde.deserializer().deserialize("topic", serde.serializer().serialize("topic", record));
      assertThat(read).isEqualTo(record);
      assertThat(read.getSchema()).isEqualTo(record.getSchema());
    }
  }

  @ParameterizedTest
  @MethodSource("contracts")
  <T extends SpecificRecord> void shouldReadGenericallyWrittenRecordsAsGeneratedClassesAndBack(
      Class<T> type) {
    T specific = SampleRecords.specific(type);
    GenericRecord generic = SampleRecords.generic(specific.getSchema());
    try (SpecificAvroSerde<T> specificSerde = new SpecificAvroSerde<>(type);
        GenericAvroSerde genericSerde = new GenericAvroSerde()) {
      specificSerde.configure(config, false);
      genericSerde.configure(config, false);
      byte[] fromGeneric = genericSerde.serializer().serialize("t", generic);
      byte[] fromSpecific = specificSerde.serializer().serialize("t", specific);
      assertThat(fromGeneric).isEqualTo(fromSpecific);
      assertThat(specificSerde.deserializer().deserialize("t", fromGeneric)).isEqualTo(specific);
      assertThat(genericSerde.deserializer().deserialize("t", fromSpecific)).isEqualTo(generic);
    }
  }

  @Test
  void shouldKeepInstantsAndOptionalFieldsOfAnOpenEvent() {
    Event open =
        Event.newBuilder()
            .setEventId("violation_001")
            .setCameraId("cam-7")
            .setTrigger("loitering")
            .setStart(Instant.ofEpochMilli(1_716_530_001_200L))
            .setFocusTrackIds(List.of(3L, 9L))
            .setAttributes(Map.of("zone", "dock"))
            .build();
    try (SpecificAvroSerde<Event> serde = new SpecificAvroSerde<>(Event.class)) {
      serde.configure(config, false);
      Event read =
          serde
              .deserializer()
              .deserialize("cv.events", serde.serializer().serialize("cv.events", open));
      assertThat(read).isEqualTo(open);
      assertThat(read.getStart()).isEqualTo(Instant.parse("2024-05-24T05:53:21.200Z"));
      assertThat(read.getEnd()).isNull();
    }
  }

  @Test
  void shouldPassTombstonesThrough() {
    try (SpecificAvroSerde<Event> serde = new SpecificAvroSerde<>(Event.class)) {
      serde.configure(config, false);
      assertThat(serde.serializer().serialize("cv.events", null)).isNull();
      assertThat(serde.deserializer().deserialize("cv.events", null)).isNull();
    }
  }

  @Test
  void shouldAcceptInstantsOrRawLongsInGenericTimestampFields() {
    GenericRecord withLong = SampleRecords.generic(Event.getClassSchema());
    GenericRecord withInstant = SampleRecords.generic(Event.getClassSchema());
    withInstant.put("start", Instant.ofEpochMilli((Long) withLong.get("start")));
    try (GenericAvroSerde serde = new GenericAvroSerde()) {
      serde.configure(config, false);
      assertThat(serde.serializer().serialize("t", withInstant))
          .isEqualTo(serde.serializer().serialize("t", withLong));
    }
  }
}
