package io.clipstream.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * A real single-node Kafka (KRaft, broker and controller combined in this JVM) listening on
 * 127.0.0.1 only, with settings that make transactions and consumer groups work on one broker:
 * replication factor 1 and min ISR 1 for the internal topics, no initial rebalance delay. It runs
 * production metadata and feature levels (the Kafka test kit defaults to unreleased ones), and
 * {@code auto.create.topics.enable=false} as on a production cluster: create topics with {@link
 * #createTopic}. Obtain it through {@link RealComponents#kafka()}; started/stopped lines go to
 * {@code target/it-logs/kafka.log}, data to {@code target/it-data/kafka/jvm-<pid>/} (deleted when
 * it stops).
 */
public final class RealKafka {

  private final Path logFile = ItDirs.logs().resolve("kafka.log");
  private KafkaClusterTestKit cluster;
  private Admin admin;
  private String bootstrapServers;

  RealKafka() {}

  /** Starts the broker unless it runs. */
  synchronized void start() {
    if (cluster != null) {
      return;
    }
    long started = System.nanoTime();
    Path baseDir = ItDirs.data("kafka");
    Leftovers.sweep(
        baseDir, logFile); // brokers of killed test JVMs died with them, but their data remains
    LifecycleLog.append(logFile, "starting in-process KRaft broker+controller, data in " + baseDir);
    try {
      cluster = KafkaClusterFactory.build(baseDir);
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      LifecycleLog.append(logFile, "failed to start the broker: " + e);
      stop();
      throw new ComponentStartupException(
          "The in-process Kafka broker did not start: "
              + e
              + "; see "
              + logFile
              + " and the test output for the broker's own log",
          e);
    }
    int brokerPort =
        cluster
            .brokers()
            .values()
            .iterator()
            .next()
            .boundPort(ListenerName.normalised(cluster.nodes().brokerListenerName().value()));
    bootstrapServers = Ports.HOST + ":" + brokerPort;
    admin = Admin.create(clientConfig());
    LifecycleLog.append(
        logFile,
        "started KRaft broker on "
            + bootstrapServers
            + " (controller "
            + cluster.bootstrapControllers().replace("localhost", Ports.HOST)
            + ") in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  /** Stops the broker and deletes its data. */
  synchronized void stop() {
    if (cluster == null) {
      return;
    }
    long started = System.nanoTime();
    if (admin != null) {
      admin.close();
    }
    try {
      cluster.close();
    } catch (Exception e) {
      LifecycleLog.append(logFile, "broker reported an error while stopping: " + e);
    }
    LifecycleLog.append(
        logFile,
        "stopped KRaft broker "
            + bootstrapServers
            + " in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
    cluster = null;
    admin = null;
    bootstrapServers = null;
  }

  /** {@code 127.0.0.1:<port>} of the broker listener. */
  public synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      throw new IllegalStateException(
          "RealKafka is not started: obtain it through RealComponents.kafka()");
    }
    return bootstrapServers;
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions (replication factor 1) unless it
   * exists. Fails if it exists with another partition count: that is a test bug, not something to
   * paper over.
   */
  public synchronized void createTopic(String topic, int partitions) {
    try {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Cannot create topic " + topic + ": " + e.getCause(), e.getCause());
      }
      int existing = describePartitions(topic);
      if (existing != partitions) {
        throw new IllegalStateException(
            "Topic "
                + topic
                + " already exists with "
                + existing
                + " partitions, not "
                + partitions);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + topic, e);
    }
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
    Map<String, Object> config = clientConfig();
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    return config;
  }

  /**
   * Consumer base config (no deserializers) for {@code groupId}: reads from the earliest offset,
   * only committed transactional records ({@code read_committed}), no auto-commit.
   */
  public Map<String, Object> consumerConfig(String groupId) {
    Map<String, Object> config = clientConfig();
    config.put("group.id", groupId);
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.put("enable.auto.commit", false);
    return config;
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

  private int describePartitions(String topic) {
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot describe topic " + topic + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing topic " + topic, e);
    }
  }
}
