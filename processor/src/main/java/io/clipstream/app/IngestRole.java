package io.clipstream.app;

import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.Role;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.ingest.IngestService;
import io.clipstream.ingest.IngestSettings;
import io.clipstream.ingest.folder.FolderIndexService;
import io.clipstream.ingest.frigate.FrigateMqttBridge;
import io.clipstream.planner.PlannerSerdes;
import io.clipstream.serde.AvroSerializer;
import io.clipstream.topics.ContractTopic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The ingest role: whichever of its three adapters is configured (JSON topics through Kafka
 * Streams, Frigate's MQTT events, an NVR folder watcher). It refuses to start with none.
 */
final class IngestRole implements AutoCloseable {

  private final Optional<IngestService> streams;
  private final Optional<FrigateMqttBridge> mqtt;
  private final Optional<FolderIndexService> folder;
  private final List<AutoCloseable> resources;

  private IngestRole(
      Optional<IngestService> streams,
      Optional<FrigateMqttBridge> mqtt,
      Optional<FolderIndexService> folder,
      List<AutoCloseable> resources) {
    this.streams = streams;
    this.mqtt = mqtt;
    this.folder = folder;
    this.resources = resources;
  }

  static IngestRole start(ClipstreamConfig config) {
    IngestSettings settings = config.toIngestSettings();
    if (!settings.hasKafkaInputs()
        && config.ingestMqtt().isEmpty()
        && config.ingestFolder().isEmpty()) {
      throw new IllegalStateException(
          "The ingest role has nothing to read: set ingest.detections.topics or"
              + " ingest.events.topics, ingest.mqtt.url, or ingest.folder.root"
              + " (docs/integrations.md)");
    }
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Optional<IngestService> streams = Optional.empty();
      if (settings.hasKafkaInputs()) {
        Properties props =
            IngestService.streamsConfig(
                settings,
                ClipstreamApp.applicationId(config, Role.INGEST),
                config.bootstrapServers(),
                config.stateDir());
        props.putAll(config.kafkaClientProperties());
        PlannerSerdes serdes = PlannerSerdes.avro(config.serdeConfig());
        streams =
            Optional.of(IngestService.start(settings, serdes.detections(), serdes.events(), props));
        resources.add(streams.get());
      }
      Map<String, Object> clients = new HashMap<>(config.kafkaClientProperties());
      Optional<FolderIndexService> folder =
          config
              .ingestFolder()
              .map(
                  f ->
                      FolderIndexService.open(
                          f, clients, config.serdeConfig(), config.applicationId()));
      folder.ifPresent(
          f -> {
            resources.add(f);
            f.watch();
          });
      Optional<FrigateMqttBridge> mqtt =
          config.ingestMqtt().map(m -> startMqtt(config, m, clients, resources));
      return new IngestRole(streams, mqtt, folder, resources);
    } catch (RuntimeException e) {
      ClipstreamApp.closeAll(resources);
      throw e;
    }
  }

  private static FrigateMqttBridge startMqtt(
      ClipstreamConfig config,
      io.clipstream.ingest.frigate.MqttSettings settings,
      Map<String, Object> clients,
      List<AutoCloseable> resources) {
    Map<String, Object> producerConfig = new HashMap<>(clients);
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, config.applicationId() + "-frigate");
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    resources.add(producer);
    AvroSerializer<Event> events = new AvroSerializer<>();
    events.configure(config.serdeConfig(), false);
    AvroSerializer<DetectionFrame> frames = new AvroSerializer<>();
    frames.configure(config.serdeConfig(), false);
    FrigateMqttBridge bridge =
        FrigateMqttBridge.start(
            settings, producer, events, frames, config.topic(ContractTopic.DEAD_LETTER));
    resources.add(0, bridge); // closed before its producer
    return bridge;
  }

  /** The Kafka Streams client of the JSON topics, when configured. */
  Optional<KafkaStreams> streams() {
    return streams.map(IngestService::streams);
  }

  /** True when an adapter stopped for good. */
  boolean failed() {
    return folder.map(FolderIndexService::failed).orElse(false);
  }

  String summary() {
    List<String> parts = new ArrayList<>();
    streams.ifPresent(s -> parts.add("topics " + s.streams().state()));
    mqtt.ifPresent(m -> parts.add("mqtt " + m.summary()));
    folder.ifPresent(f -> parts.add("folder " + f.summary()));
    return String.join("; ", parts);
  }

  @Override
  public void close() {
    ClipstreamApp.closeAll(resources);
  }
}
