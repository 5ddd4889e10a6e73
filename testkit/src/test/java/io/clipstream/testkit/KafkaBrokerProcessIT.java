package io.clipstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One child-JVM broker, taken away and brought back: committed records and the bootstrap address
 * survive both a controlled shutdown and a SIGKILL, and clients created before the outage carry on.
 */
class KafkaBrokerProcessIT {

  private static KafkaBrokerProcess kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaBrokerProcess.plaintext("restart-it").start();
  }

  @AfterAll
  static void closeBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldKeepRecordsAndAddressAcrossARestartAndLetExistingClientsReconnect() throws Exception {
    kafka.createTopic("restart-events", 2);
    String address = kafka.bootstrapServers();
    assertThat(address).matches("127\\.0\\.0\\.1:\\d+");
    try (KafkaProducer<String, String> producer = producer(kafka.producerConfig());
        KafkaConsumer<String, String> consumer = consumer("restart-group")) {
      send(producer, "restart-events", "before-1", "before-2", "before-3");
      consumer.subscribe(List.of("restart-events"));
      assertThat(poll(consumer, 3)).containsExactlyInAnyOrder("before-1", "before-2", "before-3");
      consumer.commitSync();

      kafka.restart();

      assertThat(kafka.bootstrapServers()).isEqualTo(address);
      send(producer, "restart-events", "after-1", "after-2");
      assertThat(poll(consumer, 2)).containsExactlyInAnyOrder("after-1", "after-2");
    }
    try (KafkaConsumer<String, String> fresh = consumer("restart-fresh")) {
      fresh.subscribe(List.of("restart-events"));
      assertThat(poll(fresh, 5))
          .containsExactlyInAnyOrder("before-1", "before-2", "before-3", "after-1", "after-2");
    }
  }

  @Test
  void shouldRecoverCommittedTransactionsAfterASigkill() throws Exception {
    kafka.createTopic("kill-events", 1);
    Map<String, Object> config = kafka.producerConfig();
    config.put("transactional.id", "kill-it");
    KafkaProducer<String, String> crashed = producer(config);
    crashed.initTransactions();
    crashed.beginTransaction();
    send(crashed, "kill-events", "committed-1", "committed-2");
    crashed.commitTransaction();
    crashed.beginTransaction();
    send(crashed, "kill-events", "in-flight"); // never committed: the broker dies first

    kafka.kill();
    assertThat(kafka.isRunning()).isFalse();
    crashed.close(Duration.ZERO);
    kafka.start();

    // The same transactional id again: initTransactions aborts the in-flight transaction.
    try (KafkaProducer<String, String> successor = producer(config)) {
      successor.initTransactions();
      successor.beginTransaction();
      send(successor, "kill-events", "committed-3");
      successor.commitTransaction();
    }
    try (KafkaConsumer<String, String> fresh = consumer("kill-fresh")) {
      fresh.subscribe(List.of("kill-events"));
      List<String> values = poll(fresh, 3);
      fresh.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
      assertThat(values).containsExactly("committed-1", "committed-2", "committed-3");
    }
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> config) {
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String groupId) {
    return new KafkaConsumer<>(
        kafka.consumerConfig(groupId), new StringDeserializer(), new StringDeserializer());
  }

  static void send(KafkaProducer<String, String> producer, String topic, String... values)
      throws Exception {
    for (String value : values) {
      producer.send(new ProducerRecord<>(topic, value, value)).get();
    }
  }

  /** Polls until {@code expected} values arrived (at most 30 s) and returns them. */
  static List<String> poll(KafkaConsumer<String, String> consumer, int expected) {
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (values.size() < expected && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
    }
    return values;
  }
}
