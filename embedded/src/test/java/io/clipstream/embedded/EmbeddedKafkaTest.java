package io.clipstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @TempDir static Path dataDir;

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() throws IOException {
    Files.writeString(dataDir.resolve("callers-file.txt"), "not the broker's");
    kafka = EmbeddedKafka.start(dataDir);
  }

  @AfterAll
  static void stopBroker() throws IOException {
    kafka.close();
    kafka.close(); // idempotent

    try (var left = Files.list(dataDir)) {
      assertThat(left).containsExactly(dataDir.resolve("callers-file.txt"));
    }
  }

  @Test
  void shouldRoundTripARecordThroughATopicItCreated() throws Exception {
    kafka.createTopics(Map.of("round-trip", 2));
    kafka.createTopics(Map.of("round-trip", 2)); // a rerun finds it there

    Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("round-trip", "key", "value")).get();
    }
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    Map<String, Object> consumerConfig =
        Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "group.id", "round-trip-reader",
            "auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("round-trip"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }

    assertThat(records)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("key");
              assertThat(record.value()).isEqualTo("value");
            });
  }

  @Test
  void shouldRefuseAnExistingTopicWithAnotherPartitionCount() {
    kafka.createTopics(Map.of("three-partitions", 3));

    assertThatThrownBy(() -> kafka.createTopics(Map.of("three-partitions", 4)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Topic three-partitions already exists with 3 partitions, not 4");
  }

  @Test
  void shouldNotAutoCreateTopics() {
    Map<String, Object> config =
        Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.block.ms", 2_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "v")).get())
          .hasMessageContaining("not present in metadata");
    }
  }

  @Test
  void shouldAcceptConnectionsOn127001Only() throws IOException {
    // On Linux all of 127.0.0.0/8 reaches the loopback interface, so a broker bound to the wildcard
    // address would answer on 127.0.0.2 too; this needs no external interface to prove it does not.
    try (ServerSocket wildcard = new ServerSocket(0)) {
      assumeTrue(
          connects("127.0.0.2", wildcard.getLocalPort()),
          "127.0.0.2 does not reach this machine's loopback interface");
    }
    assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    int port = Integer.parseInt(kafka.bootstrapServers().substring("127.0.0.1:".length()));

    assertThat(connects("127.0.0.1", port)).isTrue();
    assertThat(connects("127.0.0.2", port)).isFalse();
  }

  @Test
  void shouldNameTheCauseWhenItCannotStart() throws IOException {
    Path notADirectory = Files.writeString(dataDir.resolve("a-file"), "");
    try {
      assertThatThrownBy(() -> EmbeddedKafka.start(notADirectory))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "The in-process Kafka broker did not start: cannot create its data directory under "
                  + notADirectory);
    } finally {
      Files.delete(notADirectory);
    }
  }

  private static boolean connects(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
