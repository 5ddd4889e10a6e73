package io.clipstream.testkit;

import io.clipstream.embedded.EmbeddedKafka;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real single-node Kafka (KRaft, broker and controller combined in this JVM, an {@link
 * EmbeddedKafka}) listening on 127.0.0.1 only, with settings that make transactions and consumer
 * groups work on one broker: replication factor 1 and min ISR 1 for the internal topics, no initial
 * rebalance delay, group sessions down to {@value #MIN_SESSION_TIMEOUT_MS} ms. It runs production
 * metadata and feature levels (the Kafka test kit defaults to unreleased ones), and {@code
 * auto.create.topics.enable=false} as on a production cluster: create topics with {@link
 * #createTopic}. Obtain it through {@link RealComponents#kafka()}; started/stopped lines go to
 * {@code target/it-logs/kafka.log}, data to {@code target/it-data/kafka/jvm-<pid>/} (deleted when
 * it stops).
 */
public final class RealKafka {

  /**
   * The broker's {@code group.min.session.timeout.ms}: half a stock broker's 6000, so a test can
   * measure the failover of instances tuned to a 3 s session (docs/scaling.md). Clipstream's
   * default stays 6000, what a stock broker allows; a client asking for less than this minimum is
   * refused, as a stock broker refuses less than 6000.
   */
  public static final int MIN_SESSION_TIMEOUT_MS = 3000;

  private final Path logFile = ItDirs.logs().resolve("kafka.log");
  private EmbeddedKafka broker;
  private Path dataDir;

  RealKafka() {}

  /** Starts the broker unless it runs. */
  synchronized void start() {
    if (broker != null) {
      return;
    }
    long started = System.nanoTime();
    dataDir = ItDirs.data("kafka");
    Leftovers.sweep(
        dataDir, logFile); // brokers of killed test JVMs died with them, but their data remains
    LifecycleLog.append(logFile, "starting in-process KRaft broker+controller, data in " + dataDir);
    try {
      broker =
          EmbeddedKafka.start(
              dataDir,
              Map.of("group.min.session.timeout.ms", Integer.toString(MIN_SESSION_TIMEOUT_MS)));
    } catch (IllegalStateException e) {
      LifecycleLog.append(logFile, "failed to start the broker: " + e.getCause());
      deleteDataDir();
      throw new ComponentStartupException(
          e.getMessage() + "; see " + logFile + " and the test output for the broker's own log", e);
    }
    LifecycleLog.append(
        logFile,
        "started KRaft broker on "
            + broker.bootstrapServers()
            + " (controller "
            + broker.bootstrapControllers()
            + ") in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  /** Stops the broker and deletes its data. */
  synchronized void stop() {
    if (broker == null) {
      return;
    }
    long started = System.nanoTime();
    String bootstrapServers = broker.bootstrapServers();
    try {
      broker.close();
    } catch (IllegalStateException e) {
      LifecycleLog.append(logFile, "broker reported an error while stopping: " + e.getCause());
    }
    broker = null;
    deleteDataDir();
    LifecycleLog.append(
        logFile,
        "stopped KRaft broker "
            + bootstrapServers
            + " in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  /** {@code 127.0.0.1:<port>} of the broker listener. */
  public synchronized String bootstrapServers() {
    return started().bootstrapServers();
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions (replication factor 1) unless it
   * exists. Fails if it exists with another partition count: that is a test bug, not something to
   * paper over.
   */
  public synchronized void createTopic(String topic, int partitions) {
    started().createTopics(Map.of(topic, partitions));
  }

  /** A new {@link Admin} for this broker; the caller closes it. */
  public Admin adminClient() {
    return Admin.create(clientConfig());
  }

  /** Just {@code bootstrap.servers}: the base for any client config. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return config;
  }

  /**
   * Producer base config (no serializers): {@code acks=all}, idempotence on, as Clipstream's
   * producers run.
   */
  public Map<String, Object> producerConfig() {
    return ClientConfigs.producer(clientConfig());
  }

  /**
   * Consumer base config (no deserializers) for {@code groupId}: reads from the earliest offset,
   * only committed transactional records ({@code read_committed}), no auto-commit.
   */
  public Map<String, Object> consumerConfig(String groupId) {
    return ClientConfigs.consumer(clientConfig(), groupId);
  }

  /**
   * Reads at least {@code count} committed records of {@code topic} from the beginning, with a
   * fresh consumer group, as string keys and raw values; fails naming the topic and how many
   * arrived when fewer come within {@code timeout}.
   */
  public List<ConsumerRecord<String, byte[]>> readRecords(
      String topic, int count, Duration timeout) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig("testkit-reader-" + UUID.randomUUID()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    if (records.size() < count) {
      throw new AssertionError(
          "Expected "
              + count
              + " record(s) on "
              + topic
              + " within "
              + timeout.toSeconds()
              + " s, got "
              + records.size());
    }
    return records;
  }

  private EmbeddedKafka started() {
    if (broker == null) {
      throw new IllegalStateException(
          "RealKafka is not started: obtain it through RealComponents.kafka()");
    }
    return broker;
  }

  /**
   * The broker deletes only the directory it made inside {@code dataDir}; this JVM's {@code
   * jvm-<pid>} directory is ours to remove, so that a clean run leaves no it-data behind.
   */
  private void deleteDataDir() {
    try {
      ItDirs.deleteRecursively(dataDir);
    } catch (UncheckedIOException e) {
      LifecycleLog.append(logFile, "cannot delete " + dataDir + ": " + e.getCause());
    }
  }
}
