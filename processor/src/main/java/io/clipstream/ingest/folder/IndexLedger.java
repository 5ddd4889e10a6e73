package io.clipstream.ingest.folder;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files already announced, read from the compacted ledger topic. The indexer writes a ledger
 * record in the same transaction as each segment record, and this reads only committed records:
 * after any crash, a file is either announced and in the ledger, or neither.
 */
final class IndexLedger {

  private static final Logger LOG = LoggerFactory.getLogger(IndexLedger.class);

  private IndexLedger() {}

  /** Creates the ledger topic (one partition, compacted) unless it exists. */
  static void ensureTopic(Map<String, Object> clientConfig, String topic) {
    try (Admin admin = Admin.create(clientConfig)) {
      NewTopic ledger =
          new NewTopic(topic, Optional.of(1), Optional.empty())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(ledger)).all().get();
      LOG.info("Created the compacted ledger topic {}", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Cannot create the ledger topic "
                + topic
                + " ("
                + e.getCause()
                + "); create it (cleanup.policy=compact) or grant CREATE on it",
            e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating " + topic, e);
    }
  }

  /** Every key committed to {@code topic}: the relative paths of the announced files. */
  static Set<String> read(Map<String, Object> clientConfig, String topic, Duration timeout) {
    Map<String, Object> config = new java.util.HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Set<String> keys = new HashSet<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Reading the ledger topic " + topic + " took longer than " + timeout);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            keys.remove(r.key());
          } else {
            keys.add(r.key());
          }
        }
      }
    }
    return keys;
  }
}
