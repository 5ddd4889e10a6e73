package io.clipstream.app;

import io.clipstream.config.CameraInput;
import io.clipstream.config.RecorderSection;
import io.clipstream.recorder.CameraRecorder;
import io.clipstream.recorder.RecorderSettings;
import io.clipstream.recorder.RecorderStats;
import io.clipstream.storage.Retrier;
import io.clipstream.storage.SegmentStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live recorder role: one {@link CameraRecorder} per configured camera, each closed segment
 * stored and announced by its {@link SegmentPublisher}, and segments older than the retention
 * deleted.
 */
final class RecorderService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RecorderService.class);

  private record Camera(CameraInput input, CameraRecorder recorder, SegmentPublisher publisher) {}

  private final List<Camera> cameras;
  private final SegmentStore store;
  private final Producer<String, SpecificRecord> producer;
  private final ScheduledExecutorService retention;

  private RecorderService(
      List<Camera> cameras,
      SegmentStore store,
      Producer<String, SpecificRecord> producer,
      ScheduledExecutorService retention) {
    this.cameras = cameras;
    this.store = store;
    this.producer = producer;
    this.retention = retention;
  }

  static RecorderService start(
      RecorderSection settings,
      SegmentStore store,
      Retrier retrier,
      Producer<String, SpecificRecord> producer,
      String topic,
      MeterRegistry registry,
      Clock clock) {
    RecorderSettings recorderSettings =
        new RecorderSettings(
            settings.segmentLength(),
            settings.initialBackoff(),
            settings.maxBackoff(),
            settings.readTimeout(),
            settings.workDir());
    List<Camera> cameras = new ArrayList<>();
    for (CameraInput input : settings.cameras()) {
      SegmentPublisher publisher =
          new SegmentPublisher(
              input.id(),
              store,
              producer,
              topic,
              settings.workDir().resolve("failed").resolve(input.id()),
              retrier);
      CameraRecorder recorder =
          new CameraRecorder(
              input.id(), input.url().toString(), recorderSettings, publisher, clock);
      cameras.add(new Camera(input, recorder, publisher));
      meters(registry, input.id(), recorder, publisher);
    }
    ScheduledExecutorService retention =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "clipstream-segment-retention");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(60_000, Math.min(settings.retention().toMillis() / 10, 600_000));
    retention.scheduleWithFixedDelay(
        () -> expire(store, settings.retention(), clock), 0, every, TimeUnit.MILLISECONDS);
    for (Camera c : cameras) {
      LOG.info(
          "Recording camera {} from {} in {} segments to {}",
          c.input().id(),
          c.input().safeUrl(),
          settings.segmentLength(),
          store.root());
      c.recorder().start();
    }
    return new RecorderService(cameras, store, producer, retention);
  }

  private static void expire(SegmentStore store, Duration retention, Clock clock) {
    try {
      int deleted = store.deleteOlderThan(clock.instant().minus(retention));
      if (deleted > 0) {
        LOG.info("Deleted {} segment(s) older than {} from {}", deleted, retention, store.root());
      }
    } catch (RuntimeException e) { // StorageException included: retention runs again later
      LOG.warn("Segment retention failed this round ({}); trying again later", e.getMessage());
    }
  }

  private static void meters(
      MeterRegistry registry, String camera, CameraRecorder recorder, SegmentPublisher publisher) {
    Tags tags = Tags.of("camera", camera);
    Gauge.builder("clipstream.record.bitrate", recorder, r -> r.stats().bitrateBitsPerSecond())
        .tags(tags)
        .baseUnit("bits/s")
        .description("Input bitrate of the camera's stream")
        .register(registry);
    Gauge.builder("clipstream.record.connected", recorder, r -> r.stats().connected() ? 1 : 0)
        .tags(tags)
        .description("1 while the camera's stream is connected")
        .register(registry);
    FunctionCounter.builder("clipstream.record.segments", recorder, r -> r.stats().segments())
        .tags(tags)
        .description("Segments closed")
        .register(registry);
    FunctionCounter.builder("clipstream.record.reconnects", recorder, r -> r.stats().reconnects())
        .tags(tags)
        .description("Reconnections after the input dropped")
        .register(registry);
    FunctionCounter.builder("clipstream.record.segments.published", publisher, p -> p.published())
        .tags(tags)
        .description("Segments stored and announced")
        .register(registry);
    FunctionCounter.builder("clipstream.record.segments.kept", publisher, p -> p.failed())
        .tags(tags)
        .description("Segments that could not be stored or announced, kept on local disk")
        .register(registry);
    Gauge.builder("clipstream.record.upload.queue", publisher, p -> p.queued())
        .tags(tags)
        .description("Closed segments waiting for upload")
        .register(registry);
  }

  /** Each camera's counters, for health and tests. */
  List<RecorderStats> stats() {
    return cameras.stream().map(c -> c.recorder().stats()).toList();
  }

  /** Cameras connected now, of all. */
  String summary() {
    long connected = stats().stream().filter(RecorderStats::connected).count();
    return "RUNNING (" + connected + "/" + cameras.size() + " cameras connected)";
  }

  @Override
  public void close() {
    for (Camera c : cameras) {
      c.recorder().close(); // delivers the open segment to its publisher
    }
    for (Camera c : cameras) {
      c.publisher().close(); // waits for the uploads
    }
    retention.shutdownNow();
    producer.close(Duration.ofSeconds(30));
    store.close();
  }
}
