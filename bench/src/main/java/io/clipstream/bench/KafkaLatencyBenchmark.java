package io.clipstream.bench;

import io.clipstream.app.ClipstreamApp;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Latency through Kafka: from the moment an event closes (its end, the instant its closing record
 * is published) to the moment its clip-ready record can be read (read_committed), with the planner
 * and renderer running as in production ({@link ClipstreamApp}) on an in-process broker, a {@code
 * mock://} registry and local storage ({@link PipelineRig}).
 *
 * <p>The source recording is the sample footage cut by the ffmpeg CLI into 1 s segments (768x432,
 * 10 fps, a keyframe each second), shared by every camera and announced on {@code cv.segments} as
 * wall-clock time passes, each one when it closes, as a recorder does.
 *
 * <p>Events arrive at a stated rate (default 4 cameras, one event per camera every 15 s, for 2
 * minutes, after one warm-up event that is not counted; quick: 2 cameras, every 10 s, for 30 s),
 * each published closed (start = now − 4 s, end = now), preceded by one detection frame per video
 * frame of the event so that boxes are drawn. The planner must wait {@code end + postroll + grace}
 * of planner time before it plans: that wait is configured, not a cost, and is reported as the
 * reference next to the measurement.
 */
public final class KafkaLatencyBenchmark implements Benchmark {

  private static final long EVENT_MS = 4_000;

  /** How long the last clips may take after the last event before they count as missing. */
  private static final long DRAIN_MS = 60_000;

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
        PipelineRig.HISTORY_MS
            + (profile.warmUp() ? 30_000 : 0)
            + profile.runMs()
            + DRAIN_MS
            + 10_000;
    log.printf(
        "kafka latency: cutting %.0f s of %s into %.0f s segments%n",
        recordingMs / 1000.0, context.footage().getFileName(), PipelineRig.SEGMENT_SECONDS);
    List<PipelineRig.SegmentFile> files =
        PipelineRig.cutRecording(context.footage(), dir.resolve("recordings"), recordingMs);

    List<String> cameras = new ArrayList<>();
    for (int c = 0; c < profile.cameras(); c++) {
      cameras.add("cam-" + c);
    }
    // Quick runs (the suite's smoke test) measure the tuned waits only; a full run measures the
    // product's defaults too, so the docs can state what a deployment gets without tuning.
    List<PipelineRig.Timing> timings =
        context.quick() && fixed == null
            ? List.of(PipelineRig.Timing.TUNED)
            : List.of(PipelineRig.Timing.DEFAULTS, PipelineRig.Timing.TUNED);
    List<BenchRow> rows = new ArrayList<>();
    for (PipelineRig.Timing timing : timings) {
      rows.addAll(measure(profile, timing, dir.resolve(timing.name()), files, cameras, log));
    }
    return rows;
  }

  private static List<BenchRow> measure(
      Profile profile,
      PipelineRig.Timing timing,
      Path dir,
      List<PipelineRig.SegmentFile> files,
      List<String> cameras,
      PrintWriter log)
      throws Exception {
    try (AutoCloseable quiet = PipelineRig.quietLogs();
        PipelineRig rig = PipelineRig.start(dir, files, cameras, timing)) {
      if (profile.warmUp()) {
        log.printf("kafka latency (%s settings): warm-up event%n", timing.name());
        String id = "warm-up";
        publishEvent(rig, cameras.get(0), id, 0);
        rig.awaitAnswers(List.of(id), System.nanoTime() + 60_000_000_000L);
      }

      log.printf(
          "kafka latency (%s settings): %d cameras, one event per camera every %.0f s for %.0f"
              + " s%n",
          timing.name(),
          profile.cameras(),
          profile.intervalMs() / 1000.0,
          profile.runMs() / 1000.0);
      Map<String, Long> closes = new LinkedHashMap<>();
      long start = System.currentTimeMillis();
      int n = 0;
      for (PipelineRig.Scheduled s : schedule(profile)) {
        rig.sleepUntil(start + s.offsetMs());
        String id = String.format(Locale.ROOT, "ev-%s-%03d", cameras.get(s.camera()), n);
        long close = publishEvent(rig, cameras.get(s.camera()), id, n + 1);
        closes.put(id, close);
        n++;
      }
      log.printf("kafka latency: %d events published; waiting for their clips%n", closes.size());
      rig.awaitAnswers(
          closes.keySet(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS));
      return rows(
          profile, timing, PipelineRig.Tally.of(closes, rig.answers()), rig.failures(), log);
    }
  }

  private static List<BenchRow> rows(
      Profile profile,
      PipelineRig.Timing timing,
      PipelineRig.Tally tally,
      String failures,
      PrintWriter log) {
    if (tally.latencies().isEmpty()) {
      throw new IllegalStateException(
          "No clip arrived for any of "
              + tally.events()
              + " events ("
              + tally.failed()
              + " failed, "
              + tally.missing()
              + " missing): "
              + failures);
    }
    double inherent = timing.inherentWaitSeconds();
    double p50 = tally.latency(50);
    double p99 = tally.latency(99);
    String note =
        String.format(
                Locale.ROOT,
                "%d cameras, 1 event/camera every %.0f s (%.1f events/min) for %.0f s: %d events,"
                    + " %d clips, %d failed, %d missing; min %.2f s, max %.2f s; clip %.0f s"
                    + " (pre-roll %.0f s + event %.0f s + post-roll %.0f s) %dx%d %d fps with"
                    + " boxes; render-only p50 %.2f s (render_time_ms); ",
                profile.cameras(),
                profile.intervalMs() / 1000.0,
                profile.eventsPerMinute(),
                profile.runMs() / 1000.0,
                tally.events(),
                tally.clips(),
                tally.failed(),
                tally.missing(),
                tally.latencies().get(0),
                tally.maxLatency(),
                (timing.prerollMs() + EVENT_MS + timing.postrollMs()) / 1000.0,
                timing.prerollMs() / 1000.0,
                EVENT_MS / 1000.0,
                timing.postrollMs() / 1000.0,
                PipelineRig.WIDTH,
                PipelineRig.HEIGHT,
                PipelineRig.FPS,
                Stats.percentile(tally.renders(), 50))
            + timing.note();
    if (tally.gaps() > 0 || tally.copied() > 0) {
      note +=
          String.format(
              Locale.ROOT, "; %d clips with gaps, %d stream-copied", tally.gaps(), tally.copied());
    }
    if (tally.failed() > 0) {
      note += "; failures: " + failures;
    }
    log.printf(
        "kafka latency (%s settings): p50 %.2f s, p99 %.2f s over %d clips (inherent wait %.1f"
            + " s)%n",
        timing.name(), p50, p99, tally.clips(), inherent);
    String reference = "inherent wait (postroll + grace)";
    // The tuned rows keep their names of earlier runs, so results stay comparable across runs.
    String prefix =
        timing == PipelineRig.Timing.TUNED ? "kafka: " : "kafka, " + timing.name() + " waits: ";
    return List.of(
        new BenchRow(
            prefix + "event close -> clip-ready p50", reference, inherent, p50, "s", false, note),
        new BenchRow(
            prefix + "event close -> clip-ready p99", reference, inherent, p99, "s", false, note));
  }

  /** Event times from the start of the run, in order: cameras staggered across one interval. */
  static List<PipelineRig.Scheduled> schedule(Profile profile) {
    return PipelineRig.schedule(profile.cameras(), profile.intervalMs(), profile.runMs());
  }

  /**
   * Publishes the detections of a 4 s event that ends now, then the event, closed; returns its end
   * (epoch millis), the instant latency is measured from.
   */
  private static long publishEvent(PipelineRig rig, String camera, String id, long track)
      throws Exception {
    long end = System.currentTimeMillis();
    long start = end - EVENT_MS;
    rig.publishDetections(camera, start, end, track);
    rig.publishEvent(camera, id, start, end, track);
    return end;
  }
}
