package io.clipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.TopicKeys;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.testkit.RealKafka;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.topics.ContractTopic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics, configuration and readers of the ingest ITs, on the real broker and registry. */
final class IngestRig {

  static final Duration TIMEOUT = Duration.ofSeconds(120);

  final RealKafka kafka;
  final RealSchemaRegistry registry;
  final String run = UUID.randomUUID().toString().substring(0, 8);
  final Map<ContractTopic, String> topics = new LinkedHashMap<>();
  final Path dir;

  IngestRig(RealKafka kafka, RealSchemaRegistry registry, String name) throws Exception {
    this.kafka = kafka;
    this.registry = registry;
    for (ContractTopic t : ContractTopic.values()) {
      topics.put(t, name + "-" + run + "-" + t.defaultName());
      kafka.createTopic(topics.get(t), 1);
    }
    dir = Files.createDirectories(Path.of("target", name + "-it", run)).toAbsolutePath();
  }

  /** Creates a topic of raw input messages, {@code prefix-<run>}; its name. */
  String inputTopic(String prefix, int partitions) throws Exception {
    String name = prefix + "-" + run;
    kafka.createTopic(name, partitions);
    return name;
  }

  /** A producer of raw input messages; the caller closes it. */
  KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        kafka.producerConfig(), new StringSerializer(), new ByteArraySerializer());
  }

  String topic(ContractTopic t) {
    return topics.get(t);
  }

  /** The flags every ingest IT shares; the caller adds its roles and adapters. */
  Map<String, String> flags(String roles) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("roles", roles);
    flags.put("application.id", "ingest-it-" + run);
    flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    flags.put("schema.registry.url", registry.confluentUrl());
    flags.put("state.dir", dir.resolve("state").toString());
    flags.put("http.port", "0");
    flags.put("kafka.commit.interval.ms", "100");
    topics.forEach((t, name) -> flags.put(TopicKeys.key(t), name));
    return flags;
  }

  ClipstreamApp start(Map<String, String> flags) {
    ClipstreamConfig config = ConfigLoader.load(Optional.empty(), Map.of(), flags);
    return ClipstreamApp.start(config, new SimpleMeterRegistry());
  }

  <T extends SpecificRecord> Reader<T> reader(ContractTopic topic, Class<T> type) {
    SpecificAvroDeserializer<T> values = new SpecificAvroDeserializer<>(type);
    values.configure(Map.of("schema.registry.url", registry.confluentUrl()), false);
    return new Reader<>(this, topic(topic), values);
  }

  Reader<byte[]> rawReader(ContractTopic topic) {
    return new Reader<>(this, topic(topic), new ByteArrayDeserializer());
  }

  /** Every committed record of one topic, read as it arrives. */
  static final class Reader<T> implements AutoCloseable {
    private final KafkaConsumer<String, T> consumer;
    final List<ConsumerRecord<String, T>> seen = new ArrayList<>();

    Reader(IngestRig rig, String topic, Deserializer<T> values) {
      Map<String, Object> config =
          new HashMap<>(rig.kafka.consumerConfig("reader-" + UUID.randomUUID()));
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
      consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code count} records match {@code wanted}; those records. */
    List<ConsumerRecord<String, T>> await(
        int count, Predicate<ConsumerRecord<String, T>> wanted, ClipstreamApp app) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        List<ConsumerRecord<String, T>> found = seen.stream().filter(wanted).toList();
        if (found.size() >= count) {
          return found;
        }
        if (app != null) {
          assertThat(app.failed()).as("the service stopped: %s", app.states()).isFalse();
        }
        assertThat(System.nanoTime())
            .as("waiting for %d record(s); %d seen", count, seen.size())
            .isLessThan(deadline);
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
    }

    /** Polls for {@code quiet} more; everything seen. */
    List<ConsumerRecord<String, T>> settle(Duration quiet) {
      long until = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < until) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
      return seen;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
