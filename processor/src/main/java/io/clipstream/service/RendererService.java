package io.clipstream.service;

import io.clipstream.streams.StreamsDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the renderer: the worker pool, the topology and its Kafka Streams client. A stream thread
 * that dies takes the client down (SHUTDOWN_CLIENT) so the process exits non-zero and is restarted;
 * pending commands survive in the changelog.
 */
public final class RendererService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RendererService.class);

  private final KafkaStreams streams;
  private final RenderPool pool;
  private final ClipBackend backend;

  private RendererService(KafkaStreams streams, RenderPool pool, ClipBackend backend) {
    this.streams = streams;
    this.pool = pool;
    this.backend = backend;
  }

  /**
   * {@link StreamsDefaults#exactlyOnce} with the renderer's dead-letter topic. Callers may add or
   * override keys on the result.
   */
  public static Properties streamsConfig(
      RenderServiceSettings settings,
      String applicationId,
      String bootstrapServers,
      Path stateDir) {
    return StreamsDefaults.exactlyOnce(
        applicationId, bootstrapServers, stateDir, settings.topics().deadLetter());
  }

  /** Starts rendering; closing the service closes {@code backend}. */
  public static RendererService start(
      RenderServiceSettings settings,
      RendererSerdes serdes,
      ClipBackend backend,
      io.micrometer.core.instrument.MeterRegistry registry,
      Properties streamsConfig) {
    RenderPool pool = new RenderPool(backend, settings.workers(), settings.maxConcurrentEncoders());
    RendererMetrics metrics = new RendererMetrics(registry, pool);
    Topology topology = RendererTopology.build(settings, serdes, pool, metrics);
    LOG.info(
        "Renderer: {} worker(s), at most {} encoder(s) at once, work dir {}; topology:\n{}",
        settings.workers(),
        settings.maxConcurrentEncoders(),
        settings.workDir(),
        topology.describe());
    KafkaStreams streams = new KafkaStreams(topology, streamsConfig);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("Renderer stream thread failed; shutting the renderer down", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();
    return new RendererService(streams, pool, backend);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    pool.close();
    backend.close();
  }
}
