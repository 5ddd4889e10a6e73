package io.clipstream.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.Segment;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The planner on the real broker and registry, exactly-once, as the service runs it. */
@WithRealComponents
@ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
class PlannerIT {

  private static final String CAM = "it-cam";

  @Test
  void shouldPlanACommandAndDeadLetterUnreadableInputOnTheRealBroker(
      RealKafka kafka, RealSchemaRegistry registry) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    PlannerTopics topics =
        new PlannerTopics(
            "det-" + run, "ev-" + run, "seg-" + run, "cmd-" + run, "fail-" + run, "dlq-" + run);
    for (String t : List.of(topics.detections(), topics.events(), topics.segments())) {
      kafka.createTopic(t, 2);
    }
    for (String t : List.of(topics.renderCommands(), topics.clipsFailed(), topics.deadLetter())) {
      kafka.createTopic(t, 1);
    }
    PlannerSettings settings = PlannerSettings.builder().topics(topics).build();
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", registry.confluentUrl());
    PlannerSerdes serdes = PlannerSerdes.avro(serdeConfig);
    Properties config =
        PlannerStreamsConfig.streamsConfig(
            settings,
            "planner-it-" + run,
            kafka.bootstrapServers(),
            Path.of("target", "planner-it", run));

    long t0 = Instant.now().minusSeconds(120).toEpochMilli();
    try (PlannerService service = PlannerService.start(settings, serdes, config)) {
      produce(kafka, topics.events(), CAM, "not avro".getBytes(StandardCharsets.UTF_8));
      produce(
          kafka,
          topics.segments(),
          serdes.segments().serializer(),
          Segment.newBuilder(PlannerFixture.segment(CAM, "file:///nvr/backwards.mp4", 0, 0))
              .setStart(Instant.ofEpochMilli(t0))
              .setEnd(Instant.ofEpochMilli(t0 - 10_000))
              .build());
      produce(
          kafka,
          topics.segments(),
          serdes.segments().serializer(),
          Segment.newBuilder(PlannerFixture.segment(CAM, "file:///nvr/it.mp4", 0, 0))
              .setStart(Instant.ofEpochMilli(t0 - 60_000))
              .setEnd(Instant.ofEpochMilli(t0 + 15_000))
              .build());
      Event event =
          Event.newBuilder(PlannerFixture.closed(CAM, "ev-it", 0, 0))
              .setStart(Instant.ofEpochMilli(t0))
              .setEnd(Instant.ofEpochMilli(t0 + 5_000))
              .build();
      produce(kafka, topics.events(), serdes.events().serializer(), event);
      for (long t = t0; t <= t0 + 25_000; t += 1_000) {
        DetectionFrame f =
            DetectionFrame.newBuilder(PlannerFixture.frame(CAM, 0, 1L))
                .setCaptureTime(Instant.ofEpochMilli(t))
                .build();
        produce(kafka, topics.detections(), serdes.detections().serializer(), f);
      }

      List<ConsumerRecord<String, byte[]>> commands =
          kafka.readRecords(topics.renderCommands(), 1, Duration.ofSeconds(60));
      RenderCommand command =
          serdes
              .commands()
              .deserializer()
              .deserialize(topics.renderCommands(), commands.get(0).value());
      assertThat(commands.get(0).key()).isEqualTo(CAM);
      assertThat(command.getEvent().getEventId()).isEqualTo("ev-it");
      assertThat(command.getSources()).hasSize(1);
      assertThat(command.getSources().get(0).getDetections())
          .hasSize(10); // frames from t0 (first) to t0+9 s

      List<ConsumerRecord<String, byte[]>> dead =
          kafka.readRecords(topics.deadLetter(), 2, Duration.ofSeconds(60));
      ConsumerRecord<String, byte[]> unreadable = deadLetterFrom(dead, topics.events());
      assertThat(new String(unreadable.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
      assertThat(unreadable.headers().lastHeader("__streams.errors.exception")).isNotNull();
      ConsumerRecord<String, byte[]> backwards = deadLetterFrom(dead, topics.segments());
      assertThat(serdes.segments().deserializer().deserialize(topics.segments(), backwards.value()))
          .as("the dead letter keeps the original bytes")
          .satisfies(s -> assertThat(s.getUri()).isEqualTo("file:///nvr/backwards.mp4"));
      assertThat(header(backwards, "__streams.errors.message"))
          .contains("file:///nvr/backwards.mp4")
          .contains("not after its start");
    }
  }

  @Test
  void shouldRefuseToStartWhenTheInputsAreNotCoPartitioned(RealKafka kafka) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    kafka.createTopic("cp-det-" + run, 3);
    kafka.createTopic("cp-ev-" + run, 3);
    kafka.createTopic("cp-seg-" + run, 2);
    try (Admin admin = kafka.adminClient()) {
      assertThat(
              CoPartitioningCheck.verify(
                  admin, List.of("cp-det-" + run, "cp-ev-" + run), Duration.ofSeconds(10)))
          .containsValues(3, 3);
      assertThatThrownBy(
              () ->
                  CoPartitioningCheck.verify(
                      admin,
                      List.of("cp-det-" + run, "cp-ev-" + run, "cp-seg-" + run),
                      Duration.ofSeconds(10)))
          .hasMessageContaining("same number of partitions")
          .hasMessageContaining("cp-seg-" + run + "=2")
          .hasMessageContaining("cp-det-" + run + "=3")
          .hasMessageContaining("--partitions 3");
      assertThatThrownBy(
              () ->
                  CoPartitioningCheck.verify(
                      admin, List.of("cp-missing-" + run), Duration.ofSeconds(10)))
          .hasMessageContaining("must exist");
    }
  }

  private static ConsumerRecord<String, byte[]> deadLetterFrom(
      List<ConsumerRecord<String, byte[]>> dead, String sourceTopic) {
    return dead.stream()
        .filter(r -> sourceTopic.equals(header(r, "__streams.errors.topic")))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("No dead letter from " + sourceTopic + " in " + dead));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static <T> void produce(
      RealKafka kafka, String topic, Serializer<T> serializer, T value) {
    try (KafkaProducer<String, T> p =
        new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(), serializer)) {
      p.send(new ProducerRecord<>(topic, CAM, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void produce(RealKafka kafka, String topic, String key, byte[] value) {
    produce(kafka, topic, new ByteArraySerializer(), value);
  }
}
