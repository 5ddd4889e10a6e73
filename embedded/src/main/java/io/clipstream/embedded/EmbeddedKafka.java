package io.clipstream.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Utils;

/**
 * A real single-node Kafka (KRaft, broker and controller combined in this JVM) listening on
 * 127.0.0.1 only.
 *
 * <p>It exists so that Clipstream can be tried ({@code clipstream demo}) and integration-tested
 * without Docker or an installed Kafka, against a broker that behaves like a production one where
 * Clipstream can tell the difference: transactions and consumer groups work (the internal topics
 * fit on one broker), metadata and feature levels are production ones, and {@code
 * auto.create.topics.enable=false}, so a missing {@link #createTopics} fails here as it would in
 * production. Loopback only, because the machines it runs on (laptops, shared CI runners) must not
 * expose an unauthenticated broker to their network.
 *
 * <p>Its data is throwaway: every start formats a new cluster in a fresh directory under the
 * caller's {@code dataDir}, and {@link #close} deletes that directory, never {@code dataDir} itself
 * or anything else in it.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** An IP literal, not "localhost", which may resolve to ::1 where the broker does not listen. */
  static final String HOST = "127.0.0.1";

  private static final java.time.Duration METADATA_WAIT = java.time.Duration.ofSeconds(15);

  private final KafkaClusterTestKit cluster;
  private final Path clusterDir;
  private final Admin admin;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafka(KafkaClusterTestKit cluster, Path clusterDir) {
    this.cluster = cluster;
    this.clusterDir = clusterDir;
    int port =
        cluster
            .brokers()
            .values()
            .iterator()
            .next()
            .boundPort(ListenerName.normalised(cluster.nodes().brokerListenerName().value()));
    this.bootstrapServers = HOST + ":" + port;
    this.admin =
        Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * Starts a broker whose data lives in a new directory under {@code dataDir} (created if absent)
   * and returns once it accepts clients.
   *
   * @throws IllegalStateException naming the cause if it does not start; whatever it had started or
   *     written is gone by then
   */
  public static EmbeddedKafka start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  /**
   * As {@link #start(Path)}, with broker settings over its defaults (e.g. {@code
   * group.min.session.timeout.ms} for clients that fail over faster than a stock broker allows).
   */
  public static EmbeddedKafka start(Path dataDir, Map<String, String> brokerSettings) {
    Path clusterDir;
    try {
      clusterDir = Files.createTempDirectory(Files.createDirectories(dataDir), "kraft-");
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "The in-process Kafka broker did not start: cannot create its data directory under "
              + dataDir
              + ": "
              + e,
          e);
    }
    KafkaClusterTestKit cluster = null;
    try {
      cluster = KafkaClusterFactory.build(clusterDir, brokerSettings);
      formatQuietly(cluster);
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new EmbeddedKafka(cluster, clusterDir);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      IllegalStateException failure =
          new IllegalStateException("The in-process Kafka broker did not start: " + e, e);
      shutDown(cluster, clusterDir).ifPresent(failure::addSuppressed);
      throw failure;
    }
  }

  /** {@code 127.0.0.1:<port>} of the broker listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * {@code 127.0.0.1:<port>} of the controller listener; clients never need it, people reading a
   * log of what ran sometimes do.
   */
  public String bootstrapControllers() {
    return cluster.bootstrapControllers().replace("localhost", HOST);
  }

  /**
   * Creates each topic with its number of partitions (replication factor 1, all there is) unless it
   * exists, so that a restarted caller can run this again. A topic that exists with another
   * partition count fails: partitioning decides which records share an order, so going on would
   * hide a bug rather than tolerate a rerun.
   *
   * @throws IllegalStateException naming the topic and the cause if one cannot be created
   */
  public synchronized void createTopics(Map<String, Integer> partitionsByName) {
    if (closed) {
      throw new IllegalStateException("The in-process Kafka broker is closed");
    }
    Map<String, KafkaFuture<Void>> results =
        admin
            .createTopics(
                partitionsByName.entrySet().stream()
                    .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1))
                    .toList())
            .values();
    partitionsByName.forEach(
        (topic, partitions) -> {
          try {
            results.get(topic).get();
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw new IllegalStateException(
                  "Cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
            int existing = partitionCount(topic);
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
        });
  }

  /**
   * Stops the broker and deletes the directory {@link #start} created; a second call does nothing.
   *
   * @throws IllegalStateException if the broker did not shut down cleanly (it is stopped anyway)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    admin.close();
    shutDown(cluster, clusterDir)
        .ifPresent(
            e -> {
              throw new IllegalStateException(
                  "The in-process Kafka broker did not shut down cleanly: " + e, e);
            });
  }

  private int partitionCount(String topic) {
    try {
      return TopicMetadata.servedPartitionCount(admin, topic, METADATA_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while describing topic " + topic, e);
    }
  }

  /**
   * Closes {@code cluster} (if built) and deletes {@code clusterDir}, returning the first failure
   * instead of throwing it: on a failed start the start failure is the one to report.
   */
  private static Optional<Exception> shutDown(KafkaClusterTestKit cluster, Path clusterDir) {
    Exception failure = null;
    if (cluster != null) {
      try {
        cluster.close(); // deletes clusterDir too, unless it fails first
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        failure = e;
      }
    }
    try {
      Utils.delete(clusterDir.toFile());
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    return Optional.ofNullable(failure);
  }

  /**
   * Formats the storage. Kafka's formatter prints its bootstrap metadata to stdout, which would
   * land in the output of whatever command embeds the broker; stdout is swapped out for the moment
   * it runs (process-wide, so it happens before the broker has any threads of its own).
   */
  private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
    PrintStream original = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      cluster.format();
    } finally {
      System.setOut(original);
    }
  }
}
