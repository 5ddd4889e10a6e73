package io.clipstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithRealComponents
class RealKafkaIT {

  @Test
  void shouldExposeOnlyCommittedTransactionsToReadCommittedConsumers(RealKafka kafka)
      throws Exception {
    kafka.createTopic("tx-smoke", 2);
    Map<String, Object> config = kafka.producerConfig();
    config.put("transactional.id", "tx-smoke-producer");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      sendInTransaction(producer, true, "a", "b");
      sendInTransaction(producer, false, "aborted");
      sendInTransaction(producer, true, "c");
    }

    assertThat(readAll(kafka, "read_committed", 3)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(readAll(kafka, "read_uncommitted", 4))
        .containsExactlyInAnyOrder("a", "b", "aborted", "c");
  }

  @Test
  void shouldCreateTopicsIdempotentlyAndRefuseAConflictingPartitionCount(RealKafka kafka)
      throws Exception {
    kafka.createTopic("idempotent-topic", 3);
    kafka.createTopic("idempotent-topic", 3);

    try (Admin admin = kafka.adminClient()) {
      assertThat(
              admin
                  .describeTopics(List.of("idempotent-topic"))
                  .allTopicNames()
                  .get()
                  .get("idempotent-topic")
                  .partitions())
          .hasSize(3);
    }
    assertThatThrownBy(() -> kafka.createTopic("idempotent-topic", 4))
        .hasMessageContaining("already exists with 3 partitions, not 4");
  }

  @Test
  void shouldAdvertiseTheBrokerOnLoopbackAndBeASingleton(RealKafka kafka) {
    assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(RealComponents.kafka()).isSameAs(kafka);
  }

  private static void sendInTransaction(
      KafkaProducer<String, String> producer, boolean commit, String... values) throws Exception {
    producer.beginTransaction();
    for (String value : values) {
      producer.send(new ProducerRecord<>("tx-smoke", value, value)).get();
    }
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.abortTransaction();
    }
  }

  private static List<String> readAll(RealKafka kafka, String isolation, int expected) {
    Map<String, Object> config = kafka.consumerConfig("tx-smoke-" + isolation);
    config.put("isolation.level", isolation);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("tx-smoke"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      // One more poll: anything beyond the expected count (e.g. an aborted record leaking through)
      // must show up.
      consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
    }
    return values;
  }
}
