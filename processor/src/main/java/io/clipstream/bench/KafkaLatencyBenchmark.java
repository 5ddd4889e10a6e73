package io.clipstream.bench;

import io.clipstream.app.ClipstreamApp;
import io.clipstream.app.QuietLogs;
import io.clipstream.config.ClipstreamConfig;
import io.clipstream.config.ConfigLoader;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
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

/**
 * Latency through Kafka: from the moment an event closes (its end, the instant its closing record
 * is published) to the moment its clip-ready record can be read (read_committed), with the planner
 * and renderer running as in production ({@link ClipstreamApp}) on an in-process broker, a {@code
 * mock://} registry and local storage.
 *
 * <p>The source recording is the sample footage cut by the ffmpeg CLI into 1 s segments (768x432,
 * 10 fps, a keyframe each second), shared by every camera and announced on {@code cv.segments} as
 * wall-clock time passes, each one when it closes, as a recorder does. Segments are announced when
 * they close on purpose: the planner's stream time follows segment ends, so announcing a segment
 * that ends in the future would move planner time ahead and plan every clip at once.
 *
 * <p>Events arrive at a stated rate (default 4 cameras, one event per camera every 15 s, for 2
 * minutes, after one warm-up event that is not counted; quick: 2 cameras, every 10 s, for 30 s),
 * each published closed (start = now − 4 s, end = now), preceded by one detection frame per video
 * frame of the event so that boxes are drawn. The planner must wait {@code end + postroll + grace}
 * of planner time before it plans: that wait is configured, not a cost, and is reported as the
 * reference next to the measurement.
 */
public final class KafkaLatencyBenchmark implements Benchmark {

  private static final long PREROLL_MS = 2_000;
  private static final long POSTROLL_MS = 2_000;
  private static final long GRACE_MS = 2_000;
  private static final long IDLE_ADVANCE_MS = 500;
  private static final long SEGMENT_WAIT_MS = 10_000;
  private static final long COMMIT_INTERVAL_MS = 100;
  private static final long EVENT_MS = 4_000;
  private static final int WIDTH = 768;
  private static final int HEIGHT = 432;
  private static final int FPS = 10;
  private static final double SEGMENT_SECONDS = 1.0;

  /** Recording before the first event, so that the first pre-rolls are covered. */
  private static final long HISTORY_MS = 10_000;

  /** How long the last clips may take after the last event before they count as missing. */
  private static final long DRAIN_MS = 60_000;

  private static final String TOPIC_CLIPS_READY = ContractTopic.CLIPS_READY.defaultName();
  private static final String TOPIC_CLIPS_FAILED = ContractTopic.CLIPS_FAILED.defaultName();

  private final Profile fixed;

  /** The profile follows {@link BenchContext#quick()}. */
  public KafkaLatencyBenchmark() {
    this.fixed = null;
  }

  /** A fixed profile, whatever the context says (tests, one-off measurements). */
  KafkaLatencyBenchmark(Profile profile) {
    this.fixed = profile;
  }

  /**
   * The offered load.
   *
   * @param cameras cameras, each with its own events
   * @param intervalMs time between two events of one camera; cameras are staggered evenly
   * @param runMs how long events are published
   * @param warmUp whether one uncounted event (first render, JIT) goes first
   */
  record Profile(int cameras, long intervalMs, long runMs, boolean warmUp) {

    static final Profile DEFAULT = new Profile(4, 15_000, 120_000, true);
    static final Profile QUICK = new Profile(2, 10_000, 30_000, false);

    Profile {
      if (cameras < 1 || intervalMs < 1 || runMs < 1) {
        throw new IllegalArgumentException("cameras, interval and run length must be positive");
      }
    }

    double eventsPerMinute() {
      return cameras * 60_000.0 / intervalMs;
    }
  }

  @Override
  public String name() {
    return "kafka latency";
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    Profile profile = fixed != null ? fixed : context.quick() ? Profile.QUICK : Profile.DEFAULT;
    PrintWriter log = context.log();
    Path dir = Files.createDirectories(context.work().resolve("kafka-latency"));
    long recordingMs =
        HISTORY_MS + (profile.warmUp() ? 30_000 : 0) + profile.runMs() + DRAIN_MS + 10_000;
    log.printf(
        "kafka latency: cutting %.0f s of %s into %.0f s segments%n",
        recordingMs / 1000.0, context.footage().getFileName(), SEGMENT_SECONDS);
    List<SegmentFile> files =
        cutRecording(context.footage(), dir.resolve("recordings"), recordingMs);

    String scope = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    String registry = "mock://" + scope;
    QuietLogs quiet = QuietLogs.start();
    EmbeddedKafka kafka = null;
    ClipstreamApp app = null;
    KafkaProducer<String, SpecificRecord> producer = null;
    ClipWatcher watcher = null;
    SegmentAnnouncer announcer = null;
    try {
      Path brokerDir = dir.resolve("kafka");
      kafka = EmbeddedKafka.start(brokerDir);
      Map<String, Integer> topics = new LinkedHashMap<>();
      for (ContractTopic topic : ContractTopic.values()) {
        topics.put(topic.defaultName(), 2); // the three inputs must be co-partitioned
      }
      kafka.createTopics(topics);

      app = ClipstreamApp.start(config(kafka, registry, dir, scope), new SimpleMeterRegistry());
      awaitRunning(app, Duration.ofSeconds(90));
      producer = producer(kafka, registry);
      watcher = new ClipWatcher(kafka.bootstrapServers(), registry);
      watcher.start();

      List<String> cameras = new ArrayList<>();
      for (int c = 0; c < profile.cameras(); c++) {
        cameras.add("cam-" + c);
      }
      long origin = System.currentTimeMillis() - HISTORY_MS;
      announcer = new SegmentAnnouncer(producer, cameras, files, origin);
      announcer.start();

      if (profile.warmUp()) {
        log.println("kafka latency: warm-up event");
        String id = "warm-up";
        publishEvent(producer, cameras.get(0), id, 0);
        awaitAnswers(watcher, List.of(id), app, announcer, System.nanoTime() + 60_000_000_000L);
      }

      log.printf(
          "kafka latency: %d cameras, one event per camera every %.0f s for %.0f s%n",
          profile.cameras(), profile.intervalMs() / 1000.0, profile.runMs() / 1000.0);
      Map<String, Long> closes = new LinkedHashMap<>();
      long start = System.currentTimeMillis();
      int n = 0;
      for (Scheduled s : schedule(profile)) {
        sleepUntil(start + s.offsetMs(), app, announcer);
        String id = String.format(Locale.ROOT, "ev-%s-%03d", cameras.get(s.camera()), n);
        long close = publishEvent(producer, cameras.get(s.camera()), id, n + 1);
        closes.put(id, close);
        n++;
      }
      log.printf("kafka latency: %d events published; waiting for their clips%n", closes.size());
      awaitAnswers(
          watcher,
          closes.keySet(),
          app,
          announcer,
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS));
      return rows(profile, closes, watcher, log);
    } finally {
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
      quiet.close();
    }
  }

  private static List<BenchRow> rows(
      Profile profile, Map<String, Long> closes, ClipWatcher watcher, PrintWriter log) {
    List<Double> latencies = new ArrayList<>();
    List<Double> renders = new ArrayList<>();
    int failed = 0;
    int missing = 0;
    int gaps = 0;
    int copied = 0;
    for (Map.Entry<String, Long> e : closes.entrySet()) {
      Answer a = watcher.answers.get(e.getKey());
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
    if (latencies.isEmpty()) {
      throw new IllegalStateException(
          "No clip arrived for any of "
              + closes.size()
              + " events ("
              + failed
              + " failed, "
              + missing
              + " missing): "
              + watcher.failures());
    }
    latencies.sort(null);
    renders.sort(null);
    double inherent = (POSTROLL_MS + GRACE_MS) / 1000.0;
    double p50 = percentile(latencies, 50);
    double p99 = percentile(latencies, 99);
    String note =
        String.format(
            Locale.ROOT,
            "%d cameras, 1 event/camera every %.0f s (%.1f events/min) for %.0f s: %d events, %d"
                + " clips, %d failed, %d missing; min %.2f s, max %.2f s; clip %.0f s (pre-roll"
                + " %.0f s + event %.0f s + post-roll %.0f s) %dx%d %d fps with boxes;"
                + " render-only p50 %.2f s (render_time_ms); inherent wait = post-roll %.0f s +"
                + " grace %.0f s; idle advance %.1f s, planner punctuation every 250 ms, commit"
                + " interval %d ms, exactly-once; %.0f s segments announced as they close;"
                + " in-process broker, mock registry, local storage",
            profile.cameras(),
            profile.intervalMs() / 1000.0,
            profile.eventsPerMinute(),
            profile.runMs() / 1000.0,
            closes.size(),
            latencies.size(),
            failed,
            missing,
            latencies.get(0),
            latencies.get(latencies.size() - 1),
            (PREROLL_MS + EVENT_MS + POSTROLL_MS) / 1000.0,
            PREROLL_MS / 1000.0,
            EVENT_MS / 1000.0,
            POSTROLL_MS / 1000.0,
            WIDTH,
            HEIGHT,
            FPS,
            percentile(renders, 50),
            POSTROLL_MS / 1000.0,
            GRACE_MS / 1000.0,
            IDLE_ADVANCE_MS / 1000.0,
            COMMIT_INTERVAL_MS,
            SEGMENT_SECONDS);
    if (gaps > 0 || copied > 0) {
      note += String.format(Locale.ROOT, "; %d clips with gaps, %d stream-copied", gaps, copied);
    }
    if (failed > 0) {
      note += "; failures: " + watcher.failures();
    }
    log.printf(
        "kafka latency: p50 %.2f s, p99 %.2f s over %d clips (inherent wait %.1f s)%n",
        p50, p99, latencies.size(), inherent);
    String reference = "inherent wait (postroll + grace)";
    return List.of(
        new BenchRow(
            "kafka: event close -> clip-ready p50", reference, inherent, p50, "s", false, note),
        new BenchRow(
            "kafka: event close -> clip-ready p99", reference, inherent, p99, "s", false, note));
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
  }

  record Scheduled(long offsetMs, int camera) {}

  /** Event times from the start of the run, in order: cameras staggered across one interval. */
  static List<Scheduled> schedule(Profile profile) {
    List<Scheduled> out = new ArrayList<>();
    long stagger = profile.intervalMs() / profile.cameras();
    for (long k = 0; k * profile.intervalMs() < profile.runMs(); k++) {
      for (int c = 0; c < profile.cameras(); c++) {
        long at = k * profile.intervalMs() + c * stagger;
        if (at < profile.runMs()) {
          out.add(new Scheduled(at, c));
        }
      }
    }
    return out;
  }

  private static ClipstreamConfig config(
      EmbeddedKafka kafka, String registry, Path dir, String scope) {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    flags.put("schema.registry.url", registry);
    flags.put("application.id", "clipstream-" + scope);
    flags.put("state.dir", dir.resolve("state").toString());
    flags.put("storage.uri", dir.resolve("clips").toUri().toString());
    flags.put("sources.allowed.roots", dir.resolve("recordings").toString());
    flags.put("render.work.dir", dir.resolve("render-work").toString());
    flags.put("planner.preroll.ms", Long.toString(PREROLL_MS));
    flags.put("planner.postroll.ms", Long.toString(POSTROLL_MS));
    flags.put("planner.grace.ms", Long.toString(GRACE_MS));
    flags.put("planner.idle.advance.ms", Long.toString(IDLE_ADVANCE_MS));
    flags.put("planner.segment.wait.ms", Long.toString(SEGMENT_WAIT_MS));
    flags.put("kafka.commit.interval.ms", Long.toString(COMMIT_INTERVAL_MS));
    return ConfigLoader.load(Optional.empty(), Map.of(), flags);
  }

  private static KafkaProducer<String, SpecificRecord> producer(
      EmbeddedKafka kafka, String registry) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "clipstream-bench");
    AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
    values.configure(Map.of("schema.registry.url", registry), false);
    return new KafkaProducer<>(config, new StringSerializer(), values);
  }

  /**
   * Publishes the detections of a 4 s event that ends now, then the event, closed; returns its end
   * (epoch millis), the instant latency is measured from.
   */
  private static long publishEvent(
      KafkaProducer<String, SpecificRecord> producer, String camera, String id, long track)
      throws Exception {
    long end = System.currentTimeMillis();
    long start = end - EVENT_MS;
    int frames = (int) (EVENT_MS * FPS / 1000);
    for (int i = 0; i < frames; i++) {
      float x = 40 + (WIDTH - 240) * i / (float) frames;
      Detection person =
          Detection.newBuilder()
              .setBox(
                  BoundingBox.newBuilder().setX1(x).setY1(100).setX2(x + 120).setY2(380).build())
              .setLabel("person")
              .setScore(0.9f)
              .setTrackId(track)
              .build();
      DetectionFrame frame =
          DetectionFrame.newBuilder()
              .setCameraId(camera)
              .setCaptureTime(Instant.ofEpochMilli(start + i * 1000L / FPS))
              .setFrameWidth(WIDTH)
              .setFrameHeight(HEIGHT)
              .setDetections(List.of(person))
              .setModel("bench")
              .build();
      producer.send(new ProducerRecord<>(ContractTopic.DETECTIONS.defaultName(), camera, frame));
    }
    Event event =
        Event.newBuilder()
            .setEventId(id)
            .setCameraId(camera)
            .setTrigger("bench")
            .setStart(Instant.ofEpochMilli(start))
            .setEnd(Instant.ofEpochMilli(end))
            .setUpdatedAt(Instant.ofEpochMilli(end))
            .setFocusTrackIds(List.of(track))
            .build();
    producer.send(new ProducerRecord<>(ContractTopic.EVENTS.defaultName(), camera, event)).get();
    return end;
  }

  private static void awaitRunning(ClipstreamApp app, Duration timeout)
      throws InterruptedException {
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

  private static void sleepUntil(long epochMillis, ClipstreamApp app, SegmentAnnouncer announcer)
      throws InterruptedException {
    while (true) {
      check(app, announcer);
      long left = epochMillis - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(left, 200));
    }
  }

  private static void awaitAnswers(
      ClipWatcher watcher,
      Collection<String> ids,
      ClipstreamApp app,
      SegmentAnnouncer announcer,
      long deadlineNanos)
      throws InterruptedException {
    while (!watcher.answers.keySet().containsAll(ids) && System.nanoTime() < deadlineNanos) {
      check(app, announcer);
      Thread.sleep(50);
    }
  }

  private static void check(ClipstreamApp app, SegmentAnnouncer announcer) {
    if (app.failed()) {
      throw new IllegalStateException("The service stopped: " + app.states());
    }
    if (announcer.failure != null) {
      throw new IllegalStateException(
          "Announcing segments failed: " + announcer.failure, announcer.failure);
    }
  }

  /** One file of the recording and its length. */
  record SegmentFile(Path path, long durationMs, long frames) {}

  /**
   * Cuts {@code lengthMs} of {@code footage} (looped) into 1 s MP4 segments with the ffmpeg CLI,
   * each starting with a keyframe and with its timestamps starting at zero.
   */
  private static List<SegmentFile> cutRecording(Path footage, Path dir, long lengthMs)
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

  /** What came back for one event, and when it could be read. */
  record Answer(ClipReady ready, ClipFailed failed, long arrivedMillis) {}

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
