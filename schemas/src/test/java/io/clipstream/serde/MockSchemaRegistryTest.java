package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import io.clipstream.serde.SchemaRegistryException.Kind;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {

  private final String scope = "mock-test-" + UUID.randomUUID();

  @AfterEach
  void dropScope() {
    MockSchemaRegistry.drop(scope);
  }

  @Test
  void shouldAssignSequentialIdsAndReuseThemForTheSameSchema() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
    assertThat(registry.register("cv.events-value", Event.getClassSchema())).isEqualTo(1);
    assertThat(registry.register("cv.segments-value", Segment.getClassSchema())).isEqualTo(2);
    assertThat(registry.register("cv.events-value", Event.getClassSchema())).isEqualTo(1);
    // Like Confluent, ids are global: the same schema under another subject keeps its id.
    assertThat(registry.register("replay.events-value", Event.getClassSchema())).isEqualTo(1);
    assertThat(registry.subjects())
        .containsExactly("cv.events-value", "cv.segments-value", "replay.events-value");
  }

  @Test
  void shouldShareOneRegistryPerScopeAcrossClients() {
    SchemaRegistryClient producerSide =
        SchemaRegistryClients.create(Map.of("schema.registry.url", "mock://" + scope));
    SchemaRegistryClient consumerSide =
        SchemaRegistryClients.create(Map.of("schema.registry.url", "mock://" + scope));
    int id = producerSide.register("cv.events-value", Event.getClassSchema());
    assertThat(consumerSide.byId(id)).isEqualTo(Event.getClassSchema());
    assertThat(consumerSide.location()).isEqualTo("mock://" + scope);
  }

  @Test
  void shouldIsolateScopesAndForgetADroppedScope() {
    MockSchemaRegistry.forScope(scope).register("cv.events-value", Event.getClassSchema());
    assertThat(MockSchemaRegistry.forScope(scope + "-other").subjects()).isEmpty();
    MockSchemaRegistry.drop(scope + "-other");

    MockSchemaRegistry.drop(scope);
    assertThat(MockSchemaRegistry.forScope(scope).subjects()).isEmpty();
  }

  @Test
  void shouldRefuseAnIncompatibleChangeLikeARealRegistry() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
    registry.register("foo-value", TestSchemas.foreignRecord());
    Schema breaking = TestSchemas.foreignRecordWithRequiredField();

    assertThat(registry.isCompatible("foo-value", breaking)).isFalse();
    assertThat(registry.incompatibilities("foo-value", breaking))
        .singleElement()
        .asString()
        .contains("added");
    assertThatThrownBy(() -> registry.register("foo-value", breaking))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.INCOMPATIBLE);
              assertThat(e.httpStatus()).isEqualTo(409);
            })
        .hasMessageContaining("subject 'foo-value'")
        .hasMessageContaining("add fields with defaults");
    assertThat(registry.latest("foo-value").version()).isEqualTo(1);
  }

  @Test
  void shouldAcceptABackwardCompatibleChangeAsANewVersion() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
    int v1 = registry.register("foo-value", TestSchemas.foreignRecord());
    int v2 = registry.register("foo-value", TestSchemas.foreignRecordWithDefaultedField());
    RegisteredSchema latest = registry.latest("foo-value");
    assertThat(v2).isNotEqualTo(v1);
    assertThat(latest)
        .isEqualTo(
            new RegisteredSchema(
                "foo-value", v2, 2, TestSchemas.foreignRecordWithDefaultedField()));
    assertThat(registry.isCompatible("new-subject", TestSchemas.foreignRecordWithRequiredField()))
        .isTrue();
  }

  @Test
  void shouldAnswerLookupsWithoutRegistering() {
    MockSchemaRegistry registry = MockSchemaRegistry.forScope(scope);
    assertThatThrownBy(() -> registry.idOf("cv.events-value", Event.getClassSchema()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.SUBJECT_NOT_FOUND));
    int id = registry.register("cv.events-value", Event.getClassSchema());
    assertThat(registry.idOf("cv.events-value", Event.getClassSchema())).isEqualTo(id);
    assertThatThrownBy(() -> registry.idOf("cv.events-value", TestSchemas.eventWithExtraField()))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.SCHEMA_NOT_FOUND);
              assertThat(e.isNotFound()).isTrue();
            });
    assertThatThrownBy(() -> registry.byId(99))
        .hasMessageContaining("schema id 99 is not registered in mock://");
    assertThat(registry.subjects()).containsExactly("cv.events-value");
  }
}
