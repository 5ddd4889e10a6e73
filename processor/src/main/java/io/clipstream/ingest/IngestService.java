package io.clipstream.ingest;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.streams.StreamThreadFailure;
import io.clipstream.streams.StreamsDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the ingest topology; a dying stream thread takes the client down so the process exits. */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private final KafkaStreams streams;

  private IngestService(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Exactly-once defaults with the ingest dead-letter handler. */
  public static Properties streamsConfig(
      IngestSettings settings, String applicationId, String bootstrapServers, Path stateDir) {
    Properties props =
        StreamsDefaults.exactlyOnce(
            applicationId, bootstrapServers, stateDir, settings.deadLetterTopic());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        IngestProcessingHandler.class.getName());
    return props;
  }

  public static IngestService start(
      IngestSettings settings,
      Serde<DetectionFrame> frames,
      Serde<Event> events,
      Properties streamsConfig) {
    Topology topology = IngestTopology.build(settings, frames, events);
    LOG.info(
        "Ingest reads JSON detections from {} ({}) and events from {}",
        settings.detectionTopics(),
        settings.format().key(),
        settings.eventTopics());
    LOG.debug("Ingest topology:\n{}", topology.describe());
    KafkaStreams streams = new KafkaStreams(topology, streamsConfig);
    streams.setUncaughtExceptionHandler(StreamThreadFailure.shutDownClient("ingest"));
    streams.start();
    return new IngestService(streams);
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
