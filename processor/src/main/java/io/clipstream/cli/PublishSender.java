package io.clipstream.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces validated records to one topic with an idempotent producer and counts where they went.
 */
final class PublishSender {

  /** What was published: records per partition of the topic and how long it took. */
  record Summary(
      String topic, int records, SortedMap<Integer, Integer> partitions, Duration elapsed) {}

  private PublishSender() {}

  /** Producer settings: idempotent, acks=all, a short metadata wait; user properties win. */
  static Map<String, Object> producerConfig(String bootstrapServers, Map<String, String> extra) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "clipstream-publish");
    config.putAll(extra);
    return config;
  }

  /**
   * Sends every record in file order (keyed by camera id, so each camera's records keep their
   * order), flushes, and fails when any send failed.
   */
  static Summary send(
      Map<String, Object> config,
      String topic,
      Serializer<SpecificRecord> serializer,
      List<PublishFile.Line> records)
      throws ExecutionException, InterruptedException {
    long started = System.nanoTime();
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(config, new StringSerializer(), serializer)) {
      producer.partitionsFor(topic); // fails fast, naming the topic, when it does not exist
      for (PublishFile.Line line : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, line.key(), line.value())));
      }
      producer.flush();
    }
    SortedMap<Integer, Integer> partitions = new TreeMap<>();
    for (Future<RecordMetadata> future : sent) {
      partitions.merge(future.get().partition(), 1, Integer::sum);
    }
    return new Summary(
        topic, records.size(), partitions, Duration.ofNanos(System.nanoTime() - started));
  }
}
