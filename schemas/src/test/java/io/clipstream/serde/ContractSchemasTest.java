package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.Event;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContractSchemasTest {

  private final String scope = "contracts-" + UUID.randomUUID();
  private final AvroSerdeConfig config =
      new AvroSerdeConfig(Map.of("schema.registry.url", "mock://" + scope));

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(scope);
  }

  @Test
  void shouldListTheSixTopLevelContracts() {
    assertThat(ContractSchemas.topLevel())
        .extracting(Schema::getName)
        .containsExactly(
            "DetectionFrame", "Event", "Segment", "RenderCommand", "ClipReady", "ClipFailed");
  }

  @Test
  void shouldRegisterEachContractUnderItsTopicsValueSubjectOnce() {
    SchemaRegistryClient client = SchemaRegistryClients.create(config);
    RegisteredSchema first =
        ContractSchemas.registerValueSchema(client, config, "cv.events", Event.getClassSchema());
    RegisteredSchema again =
        ContractSchemas.registerValueSchema(client, config, "cv.events", Event.getClassSchema());

    assertThat(first)
        .isEqualTo(new RegisteredSchema("cv.events-value", first.id(), 1, Event.getClassSchema()));
    assertThat(again).isEqualTo(first);
    for (Schema schema : ContractSchemas.topLevel()) {
      ContractSchemas.registerValueSchema(client, config, "topic." + schema.getName(), schema);
    }
    assertThat(client.subjects()).hasSize(7);
  }

  @Test
  void shouldRegisterWhatTheSerializerLooksUp() {
    SchemaRegistryClient client = SchemaRegistryClients.create(config);
    int id =
        ContractSchemas.registerValueSchema(client, config, "cv.events", Event.getClassSchema())
            .id();
    AvroSerializer<Event> serializer = new AvroSerializer<>();
    serializer.configure(
        Map.of("schema.registry.url", "mock://" + scope, "auto.register.schemas", false), false);
    byte[] bytes = serializer.serialize("cv.events", SampleRecords.specific(Event.class));
    assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
  }
}
