package io.clipstream.cli;

import io.clipstream.testkit.RealKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reading and writing raw records on the real broker for the pipeline ITs: everything is read
 * {@code read_committed}, as a downstream consumer of the exactly-once service reads it.
 */
public final class PipelineKafka {

  private static final Duration POLL = Duration.ofMillis(200);

  private PipelineKafka() {}

  /**
   * Every committed record of {@code topic}, from the beginning to the end offsets (the last stable
   * offsets) as they are when called, with a fresh consumer and no consumer group.
   */
  public static List<ConsumerRecord<String, byte[]>> readToEnd(RealKafka kafka, String topic) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "Could not read " + topic + " to its end offsets " + end + " within 30 s");
        }
        consumer.poll(POLL).forEach(records::add);
      }
    }
    return records;
  }

  /**
   * Reads {@code topic} from the beginning until {@code count} committed records have arrived;
   * fails when {@code timeout} passes first, or at once when {@code stopped} says why the service
   * cannot deliver them any more (a non-null answer).
   */
  public static List<ConsumerRecord<String, byte[]>> awaitRecords(
      RealKafka kafka, String topic, int count, Duration timeout, Supplier<String> stopped) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < count) {
        String why = stopped.get();
        if (why != null) {
          throw new AssertionError(
              "Got " + records.size() + " of " + count + " record(s) on " + topic + ": " + why);
        }
        if (System.nanoTime() > deadline) {
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
        consumer.poll(POLL).forEach(records::add);
      }
    }
    return records;
  }

  /** Sends raw records (key, value bytes, headers dropped) to {@code topic}; waits for the acks. */
  public static void sendRaw(
      RealKafka kafka, String topic, List<ConsumerRecord<String, byte[]>> records) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            kafka.producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, r.key(), r.value())));
      }
      producer.flush();
      for (var f : sent) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new AssertionError("Could not produce to " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted producing to " + topic, e);
    }
  }

  /**
   * Partitions of {@code topics} on which consumer group {@code group} has not committed up to the
   * current end offsets (last stable offsets): partition to "committed/end". Empty once the group
   * has consumed everything written so far.
   */
  public static Map<TopicPartition, String> lag(
      Admin admin, String group, Collection<String> topics)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
      d.partitions()
          .forEach(
              p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
    }
    var ends =
        admin
            .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, String> behind = new HashMap<>();
    ends.forEach(
        (tp, end) -> {
          OffsetAndMetadata c = committed.get(tp);
          long at = c == null ? 0 : c.offset();
          if (at < end.offset()) {
            behind.put(tp, at + "/" + end.offset());
          }
        });
    return behind;
  }

  /** The first offset still in each partition of {@code topic} (above 0 once retention deleted). */
  public static Map<TopicPartition, Long> logStartOffsets(RealKafka kafka, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.beginningOffsets(partitions);
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static KafkaConsumer<String, byte[]> consumer(RealKafka kafka) {
    return new KafkaConsumer<>(
        kafka.consumerConfig("pipeline-it-reader-" + UUID.randomUUID()),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
