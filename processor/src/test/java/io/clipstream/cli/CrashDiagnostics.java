package io.clipstream.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What {@link RendererCrashIT} prints when it fails: per partition of the test's topics, the log
 * end and how many records read_committed sees, and the consumer groups' committed offsets.
 */
final class CrashDiagnostics {

  private CrashDiagnostics() {}

  /** {@code clientConfig}: how to reach the broker (bootstrap servers, security settings). */
  static String describe(Map<String, Object> clientConfig, String... prefixes) {
    StringBuilder out = new StringBuilder("Kafka state of the test's topics and groups:\n");
    try (Admin admin = Admin.create(clientConfig)) {
      TreeSet<String> topics =
          admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
              .filter(t -> List.of(prefixes).stream().anyMatch(t::startsWith))
              .collect(Collectors.toCollection(TreeSet::new));
      Map<TopicPartition, OffsetSpec> latest = new TreeMap<>(CrashDiagnostics::compare);
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get(10, TimeUnit.SECONDS)
          .forEach(
              (name, d) ->
                  d.partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put("isolation.level", "read_committed");
      config.put("enable.auto.commit", false);
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.assign(latest.keySet());
        consumer.seekToBeginning(latest.keySet());
        Map<TopicPartition, Integer> committed = new TreeMap<>(CrashDiagnostics::compare);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
          consumer
              .poll(Duration.ofMillis(200))
              .forEach(
                  r ->
                      committed.merge(
                          new TopicPartition(r.topic(), r.partition()), 1, Integer::sum));
        }
        Map<TopicPartition, Long> lso = consumer.endOffsets(latest.keySet());
        for (TopicPartition tp : latest.keySet()) {
          out.append(
              String.format(
                  "  %s: log end %d, LSO %d, %d record(s) read_committed%n",
                  tp, ends.get(tp).offset(), lso.get(tp), committed.getOrDefault(tp, 0)));
        }
      }
      for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
        if (List.of(prefixes).stream().noneMatch(g.groupId()::startsWith)) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets =
            admin
                .listConsumerGroupOffsets(g.groupId())
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        out.append("  group ").append(g.groupId()).append(": ");
        new TreeMap<TopicPartition, OffsetAndMetadata>(CrashDiagnostics::compare) {
          {
            putAll(offsets);
          }
        }.forEach(
            (tp, o) -> out.append(tp).append('=').append(o == null ? "-" : o.offset()).append(' '));
        out.append('\n');
      }
    } catch (Exception e) {
      out.append("  (could not read it: ").append(e).append(")\n");
    }
    return out.toString();
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int c = a.topic().compareTo(b.topic());
    return c != 0 ? c : Integer.compare(a.partition(), b.partition());
  }
}
