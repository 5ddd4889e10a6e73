package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The serde against a real Confluent-compatible registry (Apicurio 3 through {@code
 * /apis/ccompat/v7}, global compatibility BACKWARD) and a real broker: what the serializer reports
 * is what the registry stores, records survive the broker, and the registry's refusals reach the
 * producer as clear errors.
 */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class RegistryInteropIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private RealSchemaRegistry registry;
  private String topic;

  @BeforeEach
  void setUp(RealSchemaRegistry registry) {
    this.registry = registry;
    this.topic = "it." + UUID.randomUUID();
  }

  private Map<String, Object> serdeConfig(Object... keyValues) {
    Map<String, Object> config =
        new HashMap<>(Map.of("schema.registry.url", registry.confluentUrl()));
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put((String) keyValues[i], keyValues[i + 1]);
    }
    return config;
  }

  private <T extends org.apache.avro.generic.GenericContainer> AvroSerializer<T> serializer(
      Object... keyValues) {
    AvroSerializer<T> serializer = new AvroSerializer<>();
    serializer.configure(serdeConfig(keyValues), false);
    return serializer;
  }

  /**
   * GET on Apicurio's ccompat API without our client, so the test checks the registry, not our
   * reading of it.
   */
  private JsonNode registryGet(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(registry.confluentUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static int idOf(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 1, 4).getInt();
  }

  @Test
  void shouldStoreTheSubjectAndIdThatTheSerializerWrites() throws Exception {
    byte[] bytes = serializer().serialize(topic, SampleRecords.specific(Event.class));

    JsonNode latest = registryGet("/subjects/" + topic + "-value/versions/latest");
    assertThat(latest.path("id").asInt()).isEqualTo(idOf(bytes));
    assertThat(latest.path("version").asInt()).isEqualTo(1);
    assertThat(new Schema.Parser().parse(latest.path("schema").asText()))
        .isEqualTo(Event.getClassSchema());
    assertThat(
            new Schema.Parser()
                .parse(registryGet("/schemas/ids/" + idOf(bytes)).path("schema").asText()))
        .isEqualTo(Event.getClassSchema());
    List<String> subjects = new ArrayList<>();
    registryGet("/subjects").forEach(s -> subjects.add(s.asText()));
    assertThat(subjects).contains(topic + "-value");
  }

  @Test
  void shouldGetTheSameIdFromAFreshSerializerAndFromTheClient() {
    byte[] first = serializer().serialize(topic, SampleRecords.specific(Event.class));
    byte[] second = serializer().serialize(topic, SampleRecords.specific(Event.class));
    SchemaRegistryClient client = SchemaRegistryClients.create(serdeConfig());

    assertThat(idOf(second)).isEqualTo(idOf(first));
    assertThat(client.idOf(topic + "-value", Event.getClassSchema())).isEqualTo(idOf(first));
    assertThat(client.latest(topic + "-value"))
        .isEqualTo(new RegisteredSchema(topic + "-value", idOf(first), 1, Event.getClassSchema()));
    assertThat(client.subjects()).contains(topic + "-value");
    assertThat(
            ContractSchemas.registerValueSchema(
                client, new AvroSerdeConfig(serdeConfig()), topic, Event.getClassSchema()))
        .isEqualTo(new RegisteredSchema(topic + "-value", idOf(first), 1, Event.getClassSchema()));
  }

  @Test
  void shouldNameSubjectsByRecordWhenConfigured() throws Exception {
    byte[] bytes =
        serializer(
                "value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")
            .serialize(topic, SampleRecords.specific(DetectionFrame.class));
    JsonNode latest =
        registryGet(
            "/subjects/" + topic + "-io.clipstream.contracts.DetectionFrame/versions/latest");
    assertThat(latest.path("id").asInt()).isEqualTo(idOf(bytes));
  }

  @Test
  void shouldReadRecordsBackFromTheRealBrokerWithFreshDeserializers(RealKafka kafka)
      throws Exception {
    kafka.createTopic(topic, 2);
    // Serializer named by class, as users configure it: the producer instantiates and configures
    // it.
    Map<String, Object> producerConfig = kafka.producerConfig();
    producerConfig.putAll(serdeConfig());
    producerConfig.put("key.serializer", StringSerializer.class.getName());
    producerConfig.put("value.serializer", AvroSerializer.class.getName());
    List<Event> sent = new ArrayList<>();
    try (KafkaProducer<String, Event> producer = new KafkaProducer<>(producerConfig)) {
      for (int i = 0; i < 20; i++) {
        Event event =
            Event.newBuilder(SampleRecords.specific(Event.class))
                .setEventId("violation_" + i)
                .setCameraId("cam-" + (i % 3))
                .build();
        sent.add(event);
        producer.send(new ProducerRecord<>(topic, event.getCameraId(), event)).get();
      }
      producer.send(new ProducerRecord<>(topic, "cam-0", null)).get(); // a tombstone
    }

    List<ConsumerRecord<String, byte[]>> raw = consume(kafka, topic, 21);
    SpecificAvroDeserializer<Event> specific = new SpecificAvroDeserializer<>(Event.class);
    specific.configure(serdeConfig(), false);
    GenericAvroDeserializer generic = new GenericAvroDeserializer();
    generic.configure(serdeConfig(), false);
    List<Event> received = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : raw) {
      Event event = specific.deserialize(record.topic(), record.headers(), record.value());
      GenericRecord asGeneric =
          generic.deserialize(record.topic(), record.headers(), record.value());
      if (record.value() == null) {
        assertThat(event).isNull();
        assertThat(asGeneric).isNull();
        continue;
      }
      assertThat(asGeneric.get("event_id")).hasToString(event.getEventId());
      received.add(event);
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void shouldConsumeWithADeserializerNamedByClass(RealKafka kafka) throws Exception {
    kafka.createTopic(topic, 1);
    Event event = SampleRecords.specific(Event.class);
    Map<String, Object> producerConfig = kafka.producerConfig();
    producerConfig.putAll(serdeConfig());
    try (KafkaProducer<String, Event> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), serializer())) {
      producer.send(new ProducerRecord<>(topic, "cam-1", event)).get();
    }
    Map<String, Object> consumerConfig = kafka.consumerConfig("it-" + UUID.randomUUID());
    consumerConfig.putAll(serdeConfig());
    consumerConfig.put("key.deserializer", StringDeserializer.class.getName());
    consumerConfig.put("value.deserializer", SpecificAvroDeserializer.class.getName());
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerConfig)) {
      consumer.subscribe(List.of(topic));
      List<Object> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      assertThat(values).containsExactly(event);
    }
  }

  @Test
  void shouldRefuseAnIncompatibleChangeWithTopicSubjectAndRemedy() {
    AvroSerializer<GenericRecord> serializer = serializer();
    GenericRecord v1 = new GenericData.Record(TestSchemas.foreignRecord());
    v1.put("id", "a");
    v1.put("n", 1);
    serializer.serialize(topic, v1);
    GenericRecord v2 = new GenericData.Record(TestSchemas.foreignRecordWithRequiredField());
    v2.put("id", "a");
    v2.put("n", 1);
    v2.put("added", "x");

    assertThatThrownBy(() -> serializer.serialize(topic, v2))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e -> {
              assertThat(e.topic()).isEqualTo(topic);
              assertThat(e.subject()).contains(topic + "-value");
              assertThat(e.isRecordProblem()).isFalse();
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      SchemaRegistryException.class,
                      cause -> {
                        assertThat(cause.kind())
                            .isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE);
                        assertThat(cause.httpStatus()).isEqualTo(409);
                      });
            })
        .hasMessageContaining("topic " + topic)
        .hasMessageContaining("subject '" + topic + "-value'")
        .hasMessageContaining("make the change compatible")
        .hasMessageContaining(
            "READER_FIELD_MISSING_DEFAULT_VALUE"); // Apicurio says only "added at /fields/2"
    SchemaRegistryClient client = SchemaRegistryClients.create(serdeConfig());
    assertThat(client.isCompatible(topic + "-value", TestSchemas.foreignRecordWithRequiredField()))
        .isFalse();
    assertThat(client.isCompatible(topic + "-value", TestSchemas.foreignRecordWithDefaultedField()))
        .isTrue();
    assertThat(
            client.isCompatible(topic + "-unknown", TestSchemas.foreignRecordWithRequiredField()))
        .isTrue();
  }

  @Test
  void shouldExplainAMissingSchemaWhenAutoRegistrationIsOff() {
    AvroSerializer<Event> serializer = serializer("auto.register.schemas", false);
    assertThatThrownBy(() -> serializer.serialize(topic, SampleRecords.specific(Event.class)))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e ->
                assertThat(e.getCause())
                    .isInstanceOfSatisfying(
                        SchemaRegistryException.class, c -> assertThat(c.isNotFound()).isTrue()))
        .hasMessageContaining("topic " + topic)
        .hasMessageContaining("subject '" + topic + "-value'")
        .hasMessageContaining("clipstream schemas register");

    SchemaRegistryClients.create(serdeConfig()).register(topic + "-value", Event.getClassSchema());
    assertThat(serializer.serialize(topic, SampleRecords.specific(Event.class))).isNotEmpty();
  }

  @Test
  void shouldWriteWithTheLatestRegisteredVersion() {
    SchemaRegistryClient client = SchemaRegistryClients.create(serdeConfig());
    client.register(topic + "-value", TestSchemas.eventWithoutOptionalFields());
    int latest = client.register(topic + "-value", Event.getClassSchema());
    byte[] bytes =
        serializer("auto.register.schemas", false, "use.latest.version", true)
            .serialize(topic, SampleRecords.generic(TestSchemas.eventWithoutOptionalFields()));
    assertThat(idOf(bytes)).isEqualTo(latest);
    SpecificAvroDeserializer<Event> deserializer = new SpecificAvroDeserializer<>(Event.class);
    deserializer.configure(serdeConfig(), false);
    assertThat(deserializer.deserialize(topic, bytes).getUpdatedAt()).isNull();
  }

  @Test
  void shouldReportAnUnknownSchemaIdAsARecordProblem() {
    SpecificAvroDeserializer<Event> deserializer = new SpecificAvroDeserializer<>(Event.class);
    deserializer.configure(serdeConfig(), false);
    assertThatThrownBy(
            () -> deserializer.deserialize(topic, new byte[] {0, 0, 0x0f, 0x42, 0x3f, 2}))
        .isInstanceOfSatisfying(
            AvroSerdeException.class,
            e -> {
              assertThat(e.isRecordProblem()).isTrue();
              assertThat(e.schemaId()).contains(999_999);
            })
        .hasMessageContaining("schema id 999999")
        .hasMessageContaining(registry.confluentUrl());
  }

  @Test
  void shouldFailOverFromADeadUrlToTheRealRegistry() throws Exception {
    AvroSerializer<Event> serializer = new AvroSerializer<>();
    serializer.configure(
        Map.of("schema.registry.url", StubRegistry.deadUrl() + "," + registry.confluentUrl()),
        false);
    byte[] bytes = serializer.serialize(topic, SampleRecords.specific(Event.class));
    assertThat(registryGet("/subjects/" + topic + "-value/versions/latest").path("id").asInt())
        .isEqualTo(idOf(bytes));
  }

  @Test
  @ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ_WRITE)
  void shouldKeepWritingCachedSchemasDuringARegistryOutageAndReportNewOnesAsRetriable() {
    AvroSerializer<Event> serializer =
        serializer("http.connect.timeout.ms", 2000, "registry.unavailable.retry.timeout.ms", 0);
    serializer.serialize(topic, SampleRecords.specific(Event.class));
    registry.stop();
    try {
      assertThat(serializer.serialize(topic, SampleRecords.specific(Event.class))).isNotEmpty();
      assertThatThrownBy(
              () -> serializer.serialize(topic + ".other", SampleRecords.specific(Event.class)))
          .isInstanceOfSatisfying(
              AvroSerdeException.class,
              e -> {
                assertThat(e.isRecordProblem()).isFalse();
                assertThat(e.getCause())
                    .isInstanceOfSatisfying(
                        SchemaRegistryException.class, c -> assertThat(c.isRetriable()).isTrue());
              })
          .hasMessageContaining("no schema registry answered")
          .hasMessageContaining(registry.confluentUrl());
    } finally {
      registry.start();
    }
  }

  @Test
  @ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ_WRITE)
  void shouldWaitForARestartingRegistryInsteadOfFailingANewSchema() throws Exception {
    AvroSerializer<Event> serializer =
        serializer(
            "http.connect.timeout.ms", 2000, "registry.unavailable.retry.timeout.ms", 60_000);
    registry.stop();
    Thread restart =
        new Thread(
            () -> {
              sleep(4_000);
              registry.start();
            },
            "registry-restart");
    long started = System.nanoTime();
    restart.start();
    try {
      byte[] bytes = serializer.serialize(topic + ".late", SampleRecords.specific(Event.class));
      assertThat((System.nanoTime() - started) / 1_000_000)
          .as("the write waited for the registry to come back")
          .isGreaterThanOrEqualTo(4_000);
      assertThat(
              registryGet("/subjects/" + topic + ".late-value/versions/latest").path("id").asInt())
          .isEqualTo(idOf(bytes));
    } finally {
      restart.join();
      registry.start();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<ConsumerRecord<String, byte[]>> consume(
      RealKafka kafka, String topic, int count) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.consumerConfig("it-" + UUID.randomUUID()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).as("records consumed from " + topic).hasSize(count);
    return records;
  }
}
