package io.clipstream.renderer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.RenderCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The renderer topology in a TopologyTestDriver (mock:// serdes, the production streams config)
 * over a {@link FakeBackend} and a real {@link RenderPool}. Renders finish on pool threads, so
 * {@link #tick} first waits (with a deadline) until the pool is idle, then advances the mock wall
 * clock so that the punctuator collects and forwards.
 */
public final class RendererFixture implements AutoCloseable {

  public static final RendererTopics TOPICS =
      new RendererTopics("clips.render-commands", "clips.ready", "clips.failed", "clips.dlq");
  public static final Instant WALL_CLOCK = Instant.parse("2024-05-24T06:00:00Z");
  public static final Duration DEADLINE = Duration.ofSeconds(20);

  final RenderServiceSettings settings;
  final FakeBackend backend = new FakeBackend();
  final RenderPool pool;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RendererMetrics metrics;
  final RendererSerdes serdes;
  final TopologyTestDriver driver;
  final TestInputTopic<String, RenderCommand> commands;
  final TestOutputTopic<String, ClipReady> ready;
  final TestOutputTopic<String, ClipFailed> failed;

  /** Mock wall-clock milliseconds advanced since the driver started. */
  long elapsedMs;

  RendererFixture(Path dir, int workers, int maxEncoders, Duration retryTimeout) {
    this(dir, workers, maxEncoders, retryTimeout, Duration.ofHours(1));
  }

  RendererFixture(
      Path dir, int workers, int maxEncoders, Duration retryTimeout, Duration retention) {
    settings =
        new RenderServiceSettings(
            TOPICS, workers, maxEncoders, retryTimeout, retention, Duration.ofSeconds(10));
    pool = new RenderPool(backend, workers, maxEncoders);
    metrics = new RendererMetrics(registry, pool);
    serdes =
        RendererSerdes.avro(Map.of("schema.registry.url", "mock://renderer-" + UUID.randomUUID()));
    Properties config =
        RendererService.streamsConfig(
            settings, "renderer-test", "unused:9092", dir.resolve("state"));
    driver =
        new TopologyTestDriver(
            RendererTopology.build(settings, serdes, pool, metrics), config, WALL_CLOCK);
    StringSerializer keys = new StringSerializer();
    commands = driver.createInputTopic(TOPICS.commands(), keys, serdes.commands().serializer());
    ready =
        driver.createOutputTopic(
            TOPICS.ready(), new StringDeserializer(), serdes.ready().deserializer());
    failed =
        driver.createOutputTopic(
            TOPICS.failed(), new StringDeserializer(), serdes.failed().deserializer());
  }

  RendererFixture(Path dir) {
    this(dir, 2, 4, Duration.ofMinutes(5));
  }

  void send(RenderCommand command) {
    commands.pipeInput(command.getCameraId(), command);
  }

  /** Waits until the pool has no clip in flight, then advances the wall clock by 250 ms. */
  void tick() {
    awaitTrue(() -> pool.clipsInFlight() == 0, "the render pool to finish its batches");
    advance(Duration.ofMillis(250));
  }

  void advance(Duration d) {
    driver.advanceWallClockTime(d);
    elapsedMs += d.toMillis();
  }

  /**
   * Ticks until {@code done}: a render completes on its worker a moment after the pool counts it
   * finished, so one tick may come just too early and the next one collects it.
   */
  void tickUntil(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      tick();
      if (done.getAsBoolean()) {
        return;
      }
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
    }
  }

  List<TestRecord<String, ClipReady>> readyRecords() {
    return ready.readRecordsToList();
  }

  List<TestRecord<String, ClipFailed>> failedRecords() {
    return failed.readRecordsToList();
  }

  KeyValueStore<String, RenderCommand> pendingStore() {
    return driver.getKeyValueStore(RendererNames.PENDING_STORE);
  }

  KeyValueStore<String, Long> completedStore() {
    return driver.getKeyValueStore(RendererNames.COMPLETED_STORE);
  }

  List<String> pendingIds() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, RenderCommand> all = pendingStore().all()) {
      all.forEachRemaining((KeyValue<String, RenderCommand> kv) -> ids.add(kv.key));
    }
    return ids;
  }

  double backlog() {
    return registry.get("clipstream.render.backlog").gauge().value();
  }

  double counter(String name) {
    return registry.get(name).counter().count();
  }

  public static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.onSpinWait();
      try {
        Thread.sleep(2); // polling interval, not an assertion
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      backend.close();
      pool.close(Duration.ofSeconds(5));
    }
  }
}
