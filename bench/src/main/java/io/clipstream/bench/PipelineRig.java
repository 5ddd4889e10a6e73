package io.clipstream.bench;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.app.QuietLogs;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
import io.clipstream.config.PlannerKeys;
import io.clipstream.config.Role;
import io.clipstream.contracts.BoundingBox;
import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.ClipReady;
import io.clipstream.contracts.Detection;
import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import io.clipstream.embedded.EmbeddedKafka;
import io.clipstream.serde.AvroSerializer;
import io.clipstream.serde.MockSchemaRegistry;
import io.clipstream.serde.SpecificAvroDeserializer;
import io.clipstream.topics.ContractTopic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

/**
 * The whole service on one machine, for the Kafka benchmarks: an in-process broker with every
 * contract topic (2 partitions each), a {@code mock://} registry, local storage, the planner and
 * the renderer as in production ({@link ClipstreamApp}, production render settings), a producer for
 * the inputs, a watcher of {@code clips.ready} / {@code clips.failed} (read_committed) and the
 * segments of a recording announced on {@code cv.segments} for every camera as wall-clock time
 * passes, each one when it closes, as a recorder does.
 *
 * <p>Segments are announced when they close on purpose: the planner's stream time follows segment
 * ends, so announcing a segment that ends in the future would move planner time ahead and plan
 * every clip at once. The recording starts {@link #HISTORY_MS} before the rig is up, so that the
 * first pre-rolls are covered.
 */
final class PipelineRig implements AutoCloseable {

  static final int WIDTH = 768;
  static final int HEIGHT = 432;
  static final int FPS = 10;
  static final double SEGMENT_SECONDS = 1.0;
  static final int PARTITIONS = 2;

  /** Recording before the rig is up, so that the first pre-rolls are covered. */
  static final long HISTORY_MS = 10_000;

  static final String TOPIC_CLIPS_READY = ContractTopic.CLIPS_READY.defaultName();
  static final String TOPIC_CLIPS_FAILED = ContractTopic.CLIPS_FAILED.defaultName();

  /**
   * The planner's waits, which decide most of an event's close-to-clip latency: the product's
   * defaults ({@link #DEFAULTS}, from the configuration's declared defaults) or the short waits a
   * deployment tuned for latency sets ({@link #TUNED}). The commit interval is Kafka Streams'
   * default under exactly-once (100 ms) in both.
   */
  record Timing(
      String name,
      long prerollMs,
      long postrollMs,
      long graceMs,
      long idleAdvanceMs,
      long segmentWaitMs) {

    static final Timing TUNED = new Timing("tuned", 2_000, 2_000, 2_000, 500, 10_000);
    static final Timing DEFAULTS = declaredDefaults();

    private static Timing declaredDefaults() {
      Map<String, Object> d = ClipstreamConfig.DEFINITION.defaultValues();
      return new Timing(
          "default",
          (Long) d.get(PlannerKeys.PREROLL_MS),
          (Long) d.get(PlannerKeys.POSTROLL_MS),
          (Long) d.get(PlannerKeys.GRACE_MS),
          (Long) d.get(PlannerKeys.IDLE_ADVANCE_MS),
          (Long) d.get(PlannerKeys.SEGMENT_WAIT_MS));
    }

    /** The wait after an event's end that is configured, not a cost (seconds). */
    double inherentWaitSeconds() {
      return (postrollMs + graceMs) / 1000.0;
    }

    /** The settings every Kafka row's note states. */
    String note() {
      return String.format(
          Locale.ROOT,
          "%s settings: inherent wait = post-roll %.0f s + grace %.0f s; pre-roll %.0f s, idle"
              + " advance %.1f s, segment wait %.0f s, planner punctuation every 250 ms, commit"
              + " interval 100 ms, exactly-once; %.0f s segments announced as they close;"
              + " in-process broker, mock registry, local storage",
          name,
          postrollMs / 1000.0,
          graceMs / 1000.0,
          prerollMs / 1000.0,
          idleAdvanceMs / 1000.0,
          segmentWaitMs / 1000.0,
          SEGMENT_SECONDS);
    }

    void putFlags(Map<String, String> flags) {
      flags.put(PlannerKeys.PREROLL_MS, Long.toString(prerollMs));
      flags.put(PlannerKeys.POSTROLL_MS, Long.toString(postrollMs));
      flags.put(PlannerKeys.GRACE_MS, Long.toString(graceMs));
      flags.put(PlannerKeys.IDLE_ADVANCE_MS, Long.toString(idleAdvanceMs));
      flags.put(PlannerKeys.SEGMENT_WAIT_MS, Long.toString(segmentWaitMs));
    }
  }

  /**
   * {@link QuietLogs} plus the broker's own (Scala, {@code kafka.*}) loggers at ERROR: a freshly
   * started in-process broker warns about what is normal here (internal topics its other threads
   * created first). Errors still show.
   */
  static AutoCloseable quietLogs() {
    QuietLogs quiet = QuietLogs.start();
    if (LoggerFactory.getLogger("kafka") instanceof ch.qos.logback.classic.Logger broker) {
      ch.qos.logback.classic.Level before = broker.getLevel();
      broker.setLevel(ch.qos.logback.classic.Level.ERROR);
      return () -> {
        broker.setLevel(before);
        quiet.close();
      };
    }
    return quiet;
  }

  private final String scope;
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private EmbeddedKafka kafka;
  private ClipstreamConfig config;
  private ClipstreamApp app;
  private KafkaProducer<String, SpecificRecord> producer;
  private ClipWatcher watcher;
  private SegmentAnnouncer announcer;

  private PipelineRig() {
    this.scope = "bench-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Starts a fresh broker under {@code dir}, the service, the watcher and the announcer of {@code
   * files} for {@code cameras}; on failure, stops what had started and rethrows.
   */
  static PipelineRig start(Path dir, List<SegmentFile> files, List<String> cameras)
      throws InterruptedException {
    return start(dir, files, cameras, Timing.TUNED);
  }

  /** As {@link #start(Path, List, List)}, with the planner's waits of {@code timing}. */
  static PipelineRig start(Path dir, List<SegmentFile> files, List<String> cameras, Timing timing)
      throws InterruptedException {
    PipelineRig rig = new PipelineRig();
    try {
      rig.kafka = EmbeddedKafka.start(dir.resolve("kafka"));
      Map<String, Integer> topics = new LinkedHashMap<>();
      for (ContractTopic topic : ContractTopic.values()) {
        topics.put(topic.defaultName(), PARTITIONS); // the three inputs must be co-partitioned
      }
      rig.kafka.createTopics(topics);
      Path recordings = files.get(0).path().getParent();
      rig.config = config(rig.kafka, rig.registry(), dir, recordings, rig.scope, timing);
      rig.app = ClipstreamApp.start(rig.config, rig.meters);
      rig.awaitRunning(Duration.ofSeconds(90));
      rig.producer = producer(rig.kafka.bootstrapServers(), rig.registry(), 0, "clipstream-bench");
      rig.watcher = new ClipWatcher(rig.kafka.bootstrapServers(), rig.registry());
      rig.watcher.start();
      long origin = System.currentTimeMillis() - HISTORY_MS;
      rig.announcer = new SegmentAnnouncer(rig.producer, cameras, files, origin);
      rig.announcer.start();
      return rig;
    } catch (RuntimeException | InterruptedException e) {
      rig.close();
      throw e;
    }
  }

  String registry() {
    return "mock://" + scope;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The app's Micrometer registry ({@code clipstream.render.backlog} and the rest). */
  MeterRegistry meters() {
    return meters;
  }

  ClipstreamConfig config() {
    return config;
  }

  /** The consumer group of {@code role}'s Kafka Streams application. */
  String group(Role role) {
    return ClipstreamApp.applicationId(config, role);
  }

  /** A producer of contract records to this rig's broker and registry. */
  KafkaProducer<String, SpecificRecord> newProducer(int lingerMs, String clientId) {
    return producer(kafka.bootstrapServers(), registry(), lingerMs, clientId);
  }

  Map<String, Answer> answers() {
    return watcher.answers;
  }

  String failures() {
    return watcher.failures();
  }

  /** Publishes one detection frame per video frame of {@code [startMillis, endMillis)}. */
  void publishDetections(String camera, long startMillis, long endMillis, long track) {
    int frames = (int) ((endMillis - startMillis) * FPS / 1000);
    for (int i = 0; i < frames; i++) {
      float x = 40 + (WIDTH - 240) * i / (float) frames;
      DetectionFrame frame =
          frame(
              camera,
              startMillis + i * 1000L / FPS,
              List.of(detection("person", x, 100, 120, 280, track)));
      producer.send(new ProducerRecord<>(ContractTopic.DETECTIONS.defaultName(), camera, frame));
    }
  }

  /** Publishes the event {@code id}, closed, focused on {@code track}, and waits for the ack. */
  void publishEvent(String camera, String id, long startMillis, long endMillis, long track)
      throws Exception {
    Event event =
        Event.newBuilder()
            .setEventId(id)
            .setCameraId(camera)
            .setTrigger("bench")
            .setStart(Instant.ofEpochMilli(startMillis))
            .setEnd(Instant.ofEpochMilli(endMillis))
            .setUpdatedAt(Instant.ofEpochMilli(endMillis))
            .setFocusTrackIds(List.of(track))
            .build();
    producer.send(new ProducerRecord<>(ContractTopic.EVENTS.defaultName(), camera, event)).get();
  }

  /** A detector's output for one video frame of {@code camera}. */
  static DetectionFrame frame(String camera, long captureMillis, List<Detection> detections) {
    return DetectionFrame.newBuilder()
        .setCameraId(camera)
        .setCaptureTime(Instant.ofEpochMilli(captureMillis))
        .setFrameWidth(WIDTH)
        .setFrameHeight(HEIGHT)
        .setDetections(detections)
        .setModel("bench")
        .build();
  }

  static Detection detection(String label, float x, float y, float w, float h, long track) {
    return Detection.newBuilder()
        .setBox(BoundingBox.newBuilder().setX1(x).setY1(y).setX2(x + w).setY2(y + h).build())
        .setLabel(label)
        .setScore(0.9f)
        .setTrackId(track)
        .build();
  }

  private void awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!app.running()) {
      if (app.failed()) {
        throw new IllegalStateException("The service stopped while starting: " + app.states());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The service was not running after " + timeout.toSeconds() + " s: " + app.states());
      }
      Thread.sleep(100);
    }
  }

  /** Sleeps until {@code epochMillis}, failing as soon as the service or the announcer does. */
  void sleepUntil(long epochMillis) throws InterruptedException {
    while (true) {
      check();
      long left = epochMillis - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(left, 200));
    }
  }

  /**
   * Waits until every one of {@code ids} has an answer, or the deadline ({@link System#nanoTime}).
   */
  void awaitAnswers(Collection<String> ids, long deadlineNanos) throws InterruptedException {
    while (!watcher.answers.keySet().containsAll(ids) && System.nanoTime() < deadlineNanos) {
      check();
      Thread.sleep(50);
    }
  }

  /** Throws when the service stopped or announcing segments failed. */
  void check() {
    if (app.failed()) {
      throw new IllegalStateException("The service stopped: " + app.states());
    }
    if (announcer.failure != null) {
      throw new IllegalStateException(
          "Announcing segments failed: " + announcer.failure, announcer.failure);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (announcer != null) {
      announcer.stop();
    }
    if (watcher != null) {
      watcher.stop();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (app != null) {
      app.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    MockSchemaRegistry.drop(scope);
  }

  private static ClipstreamConfig config(
      EmbeddedKafka kafka,
      String registry,
      Path dir,
      Path recordings,
      String scope,
      Timing timing) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    flags.put("schema.registry.url", registry);
    flags.put("application.id", "clipstream-" + scope);
    flags.put("state.dir", dir.resolve("state").toString());
    flags.put("storage.uri", dir.resolve("clips").toUri().toString());
    flags.put("sources.allowed.roots", recordings.toString());
    flags.put("render.work.dir", dir.resolve("render-work").toString());
    timing.putFlags(flags);
    return ConfigLoader.load(Optional.empty(), Map.of(), flags);
  }

  private static KafkaProducer<String, SpecificRecord> producer(
      String bootstrapServers, String registry, int lingerMs, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
    values.configure(Map.of("schema.registry.url", registry), false);
    return new KafkaProducer<>(config, new StringSerializer(), values);
  }

  record Scheduled(long offsetMs, int camera) {}

  /**
   * Event closes from the start of a run, in order: one event per camera every {@code intervalMs}
   * for {@code runMs}, cameras staggered evenly across one interval.
   */
  static List<Scheduled> schedule(int cameras, long intervalMs, long runMs) {
    List<Scheduled> out = new ArrayList<>();
    long stagger = intervalMs / cameras;
    for (long k = 0; k * intervalMs < runMs; k++) {
      for (int c = 0; c < cameras; c++) {
        long at = k * intervalMs + c * stagger;
        if (at < runMs) {
          out.add(new Scheduled(at, c));
        }
      }
    }
    return out;
  }

  /** One file of the recording and its length. */
  record SegmentFile(Path path, long durationMs, long frames) {}

  /**
   * Cuts {@code lengthMs} of {@code footage} (looped) into 1 s MP4 segments (768x432, 10 fps, a
   * keyframe each second) with the ffmpeg CLI, each with its timestamps starting at zero.
   */
  static List<SegmentFile> cutRecording(Path footage, Path dir, long lengthMs)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path list = dir.resolve("segments.csv");
    List<String> command =
        List.of(
            "ffmpeg",
            "-nostdin",
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-stream_loop",
            "-1",
            "-i",
            footage.toAbsolutePath().toString(),
            "-t",
            String.format(Locale.ROOT, "%.3f", lengthMs / 1000.0),
            "-an",
            "-vf",
            "scale=" + WIDTH + ":" + HEIGHT + ",fps=" + FPS + ",format=yuv420p",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-g",
            Integer.toString(FPS),
            "-keyint_min",
            Integer.toString(FPS),
            "-sc_threshold",
            "0",
            "-force_key_frames",
            "expr:gte(t,n_forced*1)",
            "-f",
            "segment",
            "-segment_time",
            Double.toString(SEGMENT_SECONDS),
            "-segment_format",
            "mp4",
            "-reset_timestamps",
            "1",
            "-segment_list",
            list.toString(),
            "-segment_list_type",
            "csv",
            dir.resolve("seg-%05d.mp4").toString());
    Path ffmpegLog = dir.resolve("ffmpeg.log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ffmpegLog.toFile())
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("ffmpeg did not finish cutting the recording in 10 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "ffmpeg failed to cut the recording ("
              + p.exitValue()
              + "): "
              + Files.readString(ffmpegLog, StandardCharsets.UTF_8).strip());
    }
    List<SegmentFile> files = new ArrayList<>();
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      String[] f = line.split(",");
      if (f.length < 3) {
        continue;
      }
      long from = Math.round(Double.parseDouble(f[1]) * 1000);
      long to = Math.round(Double.parseDouble(f[2]) * 1000);
      long duration = to - from;
      if (duration <= 0) {
        continue;
      }
      files.add(new SegmentFile(dir.resolve(f[0]), duration, Math.round(duration * FPS / 1000.0)));
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("ffmpeg produced no segments from " + footage);
    }
    return files;
  }

  /**
   * What came back for a set of events: latencies from each event's close to its clip-ready record,
   * render times, and the events that failed or got no answer.
   */
  record Tally(
      int events,
      List<Double> latencies,
      List<Double> renders,
      int failed,
      int missing,
      int gaps,
      int copied) {

    /** {@code closes}: event id to close instant (epoch millis). Latencies come back sorted. */
    static Tally of(Map<String, Long> closes, Map<String, Answer> answers) {
      List<Double> latencies = new ArrayList<>();
      List<Double> renders = new ArrayList<>();
      int failed = 0;
      int missing = 0;
      int gaps = 0;
      int copied = 0;
      for (Map.Entry<String, Long> e : closes.entrySet()) {
        Answer a = answers.get(e.getKey());
        if (a == null) {
          missing++;
        } else if (a.ready() == null) {
          failed++;
        } else {
          latencies.add((a.arrivedMillis() - e.getValue()) / 1000.0);
          renders.add(a.ready().getRenderTimeMs() / 1000.0);
          gaps += a.ready().getHasGaps() ? 1 : 0;
          copied += a.ready().getStreamCopied() ? 1 : 0;
        }
      }
      latencies.sort(null);
      renders.sort(null);
      return new Tally(closes.size(), latencies, renders, failed, missing, gaps, copied);
    }

    int clips() {
      return latencies.size();
    }

    /** Every event got its clip. */
    boolean complete() {
      return clips() == events;
    }

    double latency(double percentile) {
      return Stats.percentile(latencies, percentile);
    }

    double maxLatency() {
      return latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1);
    }
  }

  /** What came back for one event, and when it could be read. */
  record Answer(ClipReady ready, ClipFailed failed, long arrivedMillis) {}

  /** Announces each segment on cv.segments for every camera once wall-clock time passes its end. */
  private static final class SegmentAnnouncer implements Runnable {
    private final KafkaProducer<String, SpecificRecord> producer;
    private final List<String> cameras;
    private final List<SegmentFile> files;
    private final long origin;
    private final Thread thread;
    private volatile boolean stopped;
    volatile Exception failure;

    SegmentAnnouncer(
        KafkaProducer<String, SpecificRecord> producer,
        List<String> cameras,
        List<SegmentFile> files,
        long origin) {
      this.producer = producer;
      this.cameras = cameras;
      this.files = files;
      this.origin = origin;
      this.thread = new Thread(this, "bench-segments");
      this.thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    @Override
    public void run() {
      long start = origin;
      try {
        for (SegmentFile file : files) {
          long end = start + file.durationMs();
          while (!stopped && System.currentTimeMillis() < end) {
            Thread.sleep(Math.max(1, Math.min(50, end - System.currentTimeMillis())));
          }
          if (stopped) {
            return;
          }
          for (String camera : cameras) {
            Segment segment =
                Segment.newBuilder()
                    .setCameraId(camera)
                    .setUri(file.path().toUri().toString())
                    .setStart(Instant.ofEpochMilli(start))
                    .setEnd(Instant.ofEpochMilli(end))
                    .setFps(FPS)
                    .setWidth(WIDTH)
                    .setHeight(HEIGHT)
                    .setCodec("h264")
                    .setSizeBytes(Files.size(file.path()))
                    .setFrameCount(file.frames())
                    .build();
            producer.send(
                new ProducerRecord<>(ContractTopic.SEGMENTS.defaultName(), camera, segment));
          }
          producer.flush();
          start = end;
        }
        failure = new IllegalStateException("the recording ran out: the run outlasted it");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        if (!stopped) {
          failure = e;
        }
      }
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join(5_000);
    }
  }

  /** Reads clips.ready and clips.failed (read_committed) on its own thread as records arrive. */
  private static final class ClipWatcher implements Runnable {
    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final Thread thread;
    private volatile boolean stopped;

    ClipWatcher(String bootstrapServers, String registry) {
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(ConsumerConfig.GROUP_ID_CONFIG, "clipstream-bench-watcher");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
      values.configure(Map.of("schema.registry.url", registry), false);
      consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
      consumer.subscribe(List.of(TOPIC_CLIPS_READY, TOPIC_CLIPS_FAILED));
      thread = new Thread(this, "bench-clip-watcher");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    @Override
    public void run() {
      try {
        while (!stopped) {
          var records = consumer.poll(Duration.ofMillis(100));
          long now = System.currentTimeMillis();
          for (ConsumerRecord<String, SpecificRecord> r : records) {
            if (r.value() instanceof ClipReady ready) {
              answers.putIfAbsent(ready.getEventId(), new Answer(ready, null, now));
            } else if (r.value() instanceof ClipFailed failed) {
              answers.putIfAbsent(
                  failed.getOptionalEventId().orElse(r.key()), new Answer(null, failed, now));
            }
          }
        }
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        // stopping
      } finally {
        consumer.close();
      }
    }

    String failures() {
      List<String> out = new ArrayList<>();
      answers.forEach(
          (id, a) -> {
            if (a.failed() != null) {
              out.add(id + ": " + a.failed().getReason() + " " + a.failed().getMessage());
            }
          });
      return out.toString();
    }

    void stop() throws InterruptedException {
      stopped = true;
      consumer.wakeup();
      thread.join(10_000);
    }
  }
}
