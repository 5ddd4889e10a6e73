package io.clipstream.renderer;

import io.clipstream.streams.InstanceTasks;
import io.clipstream.streams.StreamThreadFailure;
import io.clipstream.streams.StreamsDefaults;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the renderer: the worker pool, the topology and its Kafka Streams client. A stream thread
 * that dies takes the client down (SHUTDOWN_CLIENT) so the process exits non-zero and is restarted;
 * pending commands survive in the changelog.
 */
public final class RendererService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RendererService.class);

  /** How often the status line is logged while there is work. */
  static final Duration STATUS_INTERVAL = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final RenderPool pool;
  private final ClipBackend backend;
  private final ScheduledExecutorService status;
  private final InstanceTasks tasks;
  private final Duration stopDrain;

  private RendererService(
      KafkaStreams streams,
      InstanceTasks tasks,
      RenderPool pool,
      ClipBackend backend,
      RendererMetrics metrics,
      Duration stopDrain) {
    this.streams = streams;
    this.stopDrain = stopDrain;
    this.tasks = tasks;
    this.pool = pool;
    this.backend = backend;
    this.status =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "clipstream-render-status");
              t.setDaemon(true);
              return t;
            });
    AtomicReference<String> last = new AtomicReference<>("");
    status.scheduleAtFixedRate(
        () -> {
          String now = metrics.summary();
          if (!now.equals(last.getAndSet(now))) { // quiet when nothing happens
            LOG.info("Renderer: {}", now);
          }
        },
        STATUS_INTERVAL.toMillis(),
        STATUS_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
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
      MeterRegistry registry,
      Properties streamsConfig) {
    RenderPool pool = new RenderPool(backend, settings.workers(), settings.maxConcurrentEncoders());
    RendererMetrics metrics = new RendererMetrics(registry, pool);
    Topology topology = RendererTopology.build(settings, serdes, pool, metrics);
    LOG.info(
        "Renderer: {} worker(s), at most {} encoder(s) at once; topology:\n{}",
        settings.workers(),
        settings.maxConcurrentEncoders(),
        topology.describe());
    KafkaStreams streams = new KafkaStreams(topology, streamsConfig);
    streams.setUncaughtExceptionHandler(StreamThreadFailure.shutDownClient("renderer"));
    InstanceTasks tasks = InstanceTasks.watch("renderer", streams);
    streams.start();
    return new RendererService(streams, tasks, pool, backend, metrics, settings.stopDrain());
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The client's tasks, for the per-instance meters. */
  public InstanceTasks tasks() {
    return tasks;
  }

  /**
   * Stops the renderer: starts no new render, lets the renders in flight finish and announces their
   * clips (up to {@code render.stop.drain.ms}: their cameras get those clips now instead of after a
   * new owner rendered them again), then leaves the group at once (the partitions and their pending
   * commands move to the other instances) and abandons what still runs to the new owners.
   */
  @Override
  public void close() {
    status.shutdownNow();
    if (streams.state().isRunningOrRebalancing()) { // its tasks still collect and announce
      pool.drain(stopDrain);
    }
    tasks.closeLeavingGroup(Duration.ofSeconds(30));
    pool.close();
    backend.close();
  }
}
