package io.clipstream.bench;

import io.clipstream.media.Directories;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Sustained load: a sweep over camera counts N. For each N, on a fresh broker and service ({@link
 * PipelineRig}, production render settings for the machine): every camera publishes one detection
 * frame per video frame at 10 fps all the time ({@link LoadGenerator}), one event per minute
 * (cameras staggered evenly across the minute, events 4, 5 or 6 s long, each published closed) and
 * its 1 s segments as they close, for the sustained period; then the load stops and the last clips
 * get a bounded drain.
 *
 * <p>Measured per N: event close → clip-ready latency (p50, p99, max), clips produced against
 * expected, the planner's input lag and the render queue (renderer's command lag plus its backlog
 * gauge) sampled every few seconds ({@link LagSampler}), and peak memory (VmHWM reset per step, and
 * sampled VmRSS; heap used sampled). A step is <b>bounded</b> when both queues pass {@link LagRule}
 * over the last third of the sustained period:
 *
 * <ul>
 *   <li>planner input lag, in seconds of offered input (lag records / offered records per s):
 *       fitted rise ≤ {@value #INPUT_RISE_S} s, final level ≤ {@value #INPUT_BOUND_S} s;
 *   <li>render queue, in clips: fitted rise ≤ {@value #RENDER_RISE} clips, final level ≤ the clips
 *       arriving in {@value #RENDER_BOUND_S} s (at least {@value #RENDER_BOUND_MIN}).
 * </ul>
 *
 * <p>A step <b>holds</b> when it is bounded and every event got its clip; the sweep stops after the
 * first step that does not hold (larger N would not), and reports the largest N that held.
 */
public final class SustainedLoadBenchmark implements Benchmark {

  static final String NAME = "sustained load";

  static final long EVENT_INTERVAL_MS = 60_000;
  static final long[] EVENT_LENGTHS_MS = {4_000, 5_000, 6_000};

  /** The first event closes this long after the run starts, so that every event lies inside it. */
  static final long LEAD_MS = 6_000;

  /** How long the last clips may take after the load stops before they count as missing. */
  static final long DRAIN_MS = 90_000;

  static final double INPUT_BOUND_S = 5.0;
  static final double INPUT_RISE_S = 1.0;
  static final double RENDER_BOUND_S = 10.0;
  static final double RENDER_BOUND_MIN = 4;
  static final double RENDER_RISE = 2;

  /**
   * The steps of a sweep.
   *
   * @param cameras camera counts, ascending
   * @param runMs the sustained period of each step
   * @param warmUp whether one uncounted event (first render, JIT) goes before each step's run
   */
  public record Sweep(List<Integer> cameras, long runMs, boolean warmUp) {

    public static final Sweep DEFAULT = new Sweep(List.of(8, 16, 32, 48, 64), 300_000, true);
    public static final Sweep QUICK = new Sweep(List.of(2, 4), 30_000, false);

    static final int MAX_CAMERAS = 1_000;
    static final long MIN_RUN_MS = 30_000;
    static final long MAX_RUN_MS = 4 * 3_600_000L;

    public Sweep {
      cameras = List.copyOf(cameras);
      if (cameras.isEmpty()) {
        throw new IllegalArgumentException("give at least one camera count");
      }
      for (int i = 0; i < cameras.size(); i++) {
        int n = cameras.get(i);
        if (n < 1 || n > MAX_CAMERAS) {
          throw new IllegalArgumentException(
              "camera counts must be between 1 and " + MAX_CAMERAS + ", got " + n);
        }
        if (i > 0 && n <= cameras.get(i - 1)) {
          throw new IllegalArgumentException("camera counts must be ascending: " + cameras);
        }
      }
      if (runMs < MIN_RUN_MS || runMs > MAX_RUN_MS) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "the sustained period must be between %.1f and %.0f minutes, got %.2f",
                MIN_RUN_MS / 60_000.0,
                MAX_RUN_MS / 60_000.0,
                runMs / 60_000.0));
      }
    }

    /**
     * The sweep of the command line: the quick or default profile, with the camera counts ({@code
     * "4,8,12"}, sorted, duplicates dropped) and the minutes per step replaced where given.
     *
     * @throws IllegalArgumentException for a malformed or out-of-range value
     */
    public static Sweep of(String cameras, Double minutes, boolean quick) {
      Sweep base = quick ? QUICK : DEFAULT;
      List<Integer> counts = base.cameras();
      if (cameras != null) {
        TreeSet<Integer> parsed = new TreeSet<>();
        for (String part : cameras.split(",")) {
          String s = part.trim();
          if (s.isEmpty()) {
            continue;
          }
          try {
            parsed.add(Integer.parseInt(s));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "--cameras takes camera counts separated by commas (e.g. 2,4,8), got '"
                    + cameras
                    + "'");
          }
        }
        counts = new ArrayList<>(parsed);
      }
      long runMs = base.runMs();
      if (minutes != null) {
        if (minutes.isNaN() || minutes.isInfinite()) {
          throw new IllegalArgumentException("--minutes must be a number, got " + minutes);
        }
        runMs = Math.round(minutes * 60_000);
      }
      return new Sweep(counts, runMs, base.warmUp());
    }

    /** Seconds between two samples: about 20 in the judged last third, 1-5 s apart. */
    long sampleMs() {
      return Math.max(1_000, Math.min(5_000, runMs / 60));
    }

    /** What the sweep and each step take at most, roughly, for the console. */
    String describe() {
      return String.format(
          Locale.ROOT,
          "cameras %s, %.1f min of load per step%s",
          cameras,
          runMs / 60_000.0,
          warmUp ? " after a warm-up event" : "");
    }
  }

  /** Offered records per second into the planner's three inputs for {@code cameras}. */
  static double inputRecordsPerSecond(int cameras) {
    return cameras
        * (PipelineRig.FPS + 1 / PipelineRig.SEGMENT_SECONDS + 60_000.0 / EVENT_INTERVAL_MS / 60);
  }

  /** The limits of {@link LagRule} for the planner's input lag, in seconds of input. */
  static LagRule.Limits inputLimits() {
    return new LagRule.Limits("planner input lag (s of input)", INPUT_BOUND_S, INPUT_RISE_S);
  }

  /** The limits of {@link LagRule} for the render queue, in clips, for {@code cameras}. */
  static LagRule.Limits renderLimits(int cameras) {
    double perSecond = cameras * 1000.0 / EVENT_INTERVAL_MS;
    double bound = Math.max(RENDER_BOUND_MIN, Math.ceil(perSecond * RENDER_BOUND_S));
    return new LagRule.Limits("render queue (clips)", bound, RENDER_RISE);
  }

  /** Event closes of one step, from the start of its run. */
  static List<PipelineRig.Scheduled> schedule(int cameras, long runMs) {
    return PipelineRig.schedule(cameras, EVENT_INTERVAL_MS, runMs - LEAD_MS).stream()
        .map(s -> new PipelineRig.Scheduled(s.offsetMs() + LEAD_MS, s.camera()))
        .toList();
  }

  /**
   * One step's outcome.
   *
   * @param maxLateMs how late the detection generator ran at worst
   */
  record Step(
      int cameras,
      Sweep sweep,
      PipelineRig.Tally tally,
      List<LagSampler.Sample> samples,
      LagRule.Verdict input,
      LagRule.Verdict render,
      long peakRssKib,
      long peakHeapBytes,
      double drainSeconds,
      long detections,
      long maxLateMs,
      String failures) {

    boolean bounded() {
      return input.bounded() && render.bounded();
    }

    /** Bounded, and every event got its clip. */
    boolean holds() {
      return bounded() && tally.complete();
    }

    double detectionsPerSecond() {
      return cameras * (double) PipelineRig.FPS;
    }

    double eventsPerMinute() {
      return cameras * 60_000.0 / EVENT_INTERVAL_MS;
    }

    double maxRenderQueue() {
      return samples.stream()
          .filter(s -> s.seconds() >= 0 && s.seconds() <= sweep.runMs() / 1000.0)
          .mapToDouble(LagSampler.Sample::renderQueue)
          .max()
          .orElse(Double.NaN);
    }

    double maxInputLagSeconds() {
      return samples.stream()
              .filter(s -> s.seconds() >= 0 && s.seconds() <= sweep.runMs() / 1000.0)
              .mapToLong(LagSampler.Sample::inputLag)
              .max()
              .orElse(0)
          / inputRecordsPerSecond(cameras);
    }
  }

  private final Sweep fixed;
  private final List<Step> steps = new ArrayList<>();
  private String settings = "";

  /** The sweep follows {@link BenchContext#quick()}. */
  public SustainedLoadBenchmark() {
    this(null);
  }

  /** A fixed sweep (the command line's {@code --cameras} / {@code --minutes}), or null. */
  public SustainedLoadBenchmark(Sweep sweep) {
    this.fixed = sweep;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean inDefaultRun() {
    return false;
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    Sweep sweep = fixed != null ? fixed : context.quick() ? Sweep.QUICK : Sweep.DEFAULT;
    PrintWriter log = context.log();
    steps.clear();
    Path dir = Files.createDirectories(context.work().resolve("sustained-load"));
    long recordingMs = PipelineRig.HISTORY_MS + 75_000 + sweep.runMs() + DRAIN_MS + 30_000;
    log.printf(
        "sustained load: %s; cutting %.0f s of %s into %.0f s segments%n",
        sweep.describe(),
        recordingMs / 1000.0,
        context.footage().getFileName(),
        PipelineRig.SEGMENT_SECONDS);
    log.flush();
    List<PipelineRig.SegmentFile> files =
        PipelineRig.cutRecording(context.footage(), dir.resolve("recordings"), recordingMs);
    try (AutoCloseable quiet = PipelineRig.quietLogs()) {
      for (int cameras : sweep.cameras()) {
        Path stepDir = dir.resolve("n" + cameras);
        Step step;
        try {
          step = step(cameras, sweep, files, stepDir, log);
        } finally {
          Directories.deleteTree(stepDir);
        }
        steps.add(step);
        log.println(stepReport(step));
        log.flush();
        if (!step.holds()) {
          log.printf("sustained load: N=%d did not hold; the sweep stops here%n", step.cameras());
          break;
        }
      }
    }
    log.println();
    log.println(sweepTable(steps));
    log.println(summary(steps));
    log.flush();
    return rows(steps);
  }

  private Step step(
      int n, Sweep sweep, List<PipelineRig.SegmentFile> files, Path dir, PrintWriter log)
      throws Exception {
    List<String> cameras = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      cameras.add("cam-" + c);
    }
    boolean reset = Rss.resetPeak();
    long stepStart = System.nanoTime();
    log.printf(
        "sustained load N=%d: fresh broker and service; %.0f detections/s, %.0f events/min for"
            + " %.0f s%n",
        n, n * (double) PipelineRig.FPS, n * 60_000.0 / EVENT_INTERVAL_MS, sweep.runMs() / 1000.0);
    log.flush();
    try (PipelineRig rig = PipelineRig.start(dir, files, cameras);
        LoadGenerator detector =
            new LoadGenerator(rig.newProducer(5, "clipstream-bench-detector"), cameras)) {
      if (settings.isEmpty()) {
        var render = rig.config().render();
        settings =
            String.format(
                Locale.ROOT,
                "render.workers %d, render.max.concurrent.encoders %d (derived for this machine)",
                render.workers(),
                render.maxConcurrentEncoders());
      }
      detector.start();
      if (sweep.warmUp()) {
        sleepUntil(rig, detector, System.currentTimeMillis() + 5_000);
        long end = System.currentTimeMillis();
        rig.publishEvent(cameras.get(0), "warm-up", end - 4_000, end, LoadGenerator.PERSON_TRACK);
        rig.awaitAnswers(List.of("warm-up"), System.nanoTime() + 60_000_000_000L);
      }
      long runStart = System.currentTimeMillis();
      Map<String, Long> closes = new LinkedHashMap<>();
      List<LagSampler.Sample> samples;
      long published;
      double drain;
      try (LagSampler sampler = new LagSampler(rig, sweep.sampleMs(), runStart)) {
        sampler.start();
        int k = 0;
        for (PipelineRig.Scheduled s : schedule(n, sweep.runMs())) {
          long close = runStart + s.offsetMs();
          sleepUntil(rig, detector, close);
          String camera = cameras.get(s.camera());
          String id = String.format(Locale.ROOT, "ev-%s-%04d", camera, k);
          long length = EVENT_LENGTHS_MS[k % EVENT_LENGTHS_MS.length];
          rig.publishEvent(camera, id, close - length, close, LoadGenerator.PERSON_TRACK);
          closes.put(id, close);
          k++;
        }
        long runEnd = runStart + sweep.runMs();
        sleepUntil(rig, detector, runEnd);
        detector.stop();
        published = detector.published();
        rig.awaitAnswers(
            closes.keySet(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS));
        long last =
            closes.keySet().stream()
                .map(rig.answers()::get)
                .filter(a -> a != null)
                .mapToLong(PipelineRig.Answer::arrivedMillis)
                .max()
                .orElse(runEnd);
        drain = Math.max(0, last - runEnd) / 1000.0;
        samples = sampler.samples();
        if (samples.isEmpty() && sampler.lastError() != null) {
          throw new IllegalStateException(
              "No lag sample could be taken: " + sampler.lastError(), sampler.lastError());
        }
      }
      double runSeconds = sweep.runMs() / 1000.0;
      double rate = inputRecordsPerSecond(n);
      LagRule.Verdict input =
          LagRule.judgeLastThird(
              samples.stream()
                  .map(s -> new LagRule.Point(s.seconds(), s.inputLag() / rate))
                  .toList(),
              runSeconds,
              inputLimits());
      LagRule.Verdict render =
          LagRule.judgeLastThird(
              samples.stream().map(s -> new LagRule.Point(s.seconds(), s.renderQueue())).toList(),
              runSeconds,
              renderLimits(n));
      long peakRss =
          Math.max(
              Rss.peakKib(),
              samples.stream().mapToLong(LagSampler.Sample::rssKib).max().orElse(-1));
      long peakHeap = samples.stream().mapToLong(LagSampler.Sample::heapBytes).max().orElse(-1);
      log.printf(
          "sustained load N=%d: done in %.0f s%s%n",
          n, Stats.secondsSince(stepStart), reset ? "" : " (VmHWM could not be reset)");
      return new Step(
          n,
          sweep,
          PipelineRig.Tally.of(closes, rig.answers()),
          samples,
          input,
          render,
          peakRss,
          peakHeap,
          drain,
          published,
          detector.maxLateMs(),
          rig.failures());
    }
  }

  private static void sleepUntil(PipelineRig rig, LoadGenerator detector, long epochMillis)
      throws InterruptedException {
    while (true) {
      detector.check();
      long now = System.currentTimeMillis();
      if (now >= epochMillis) {
        rig.check();
        return;
      }
      rig.sleepUntil(Math.min(epochMillis, now + 1_000));
    }
  }

  /** The samples of one step and its verdicts, for the console. */
  static String stepReport(Step step) {
    StringBuilder sb = new StringBuilder();
    double rate = inputRecordsPerSecond(step.cameras());
    sb.append(
        String.format(
            Locale.ROOT,
            "sustained load N=%d samples (t from the start of the load; the load stops at %.0f s;"
                + " input lag in records and in seconds of input at %.0f records/s):%n",
            step.cameras(),
            step.sweep().runMs() / 1000.0,
            rate));
    sb.append(
        "| t (s) | input lag (records) | input lag (s) | command lag | render backlog |"
            + " RSS (MiB) | heap used (MiB) |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LagSampler.Sample s : step.samples()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %d | %.2f | %d | %.0f | %.0f | %.0f |%n",
              s.seconds(),
              s.inputLag(),
              s.inputLag() / rate,
              s.commandLag(),
              s.backlog(),
              s.rssKib() / 1024.0,
              s.heapBytes() / 1048576.0));
    }
    sb.append(verdictLine(step.input())).append('\n');
    sb.append(verdictLine(step.render())).append('\n');
    PipelineRig.Tally t = step.tally();
    sb.append(
        String.format(
            Locale.ROOT,
            "N=%d: %s; %d/%d clips, %d failed, %d missing; p50 %.2f s, p99 %.2f s, max %.2f s;"
                + " drain %.1f s; detector ran %d ms late at worst; peak RSS %.0f MiB",
            step.cameras(),
            step.holds() ? "HOLDS (bounded, every clip)" : step.bounded() ? "bounded" : "UNBOUNDED",
            t.clips(),
            t.events(),
            t.failed(),
            t.missing(),
            t.latency(50),
            t.latency(99),
            t.maxLatency(),
            step.drainSeconds(),
            step.maxLateMs(),
            step.peakRssKib() / 1024.0));
    if (t.failed() > 0) {
      sb.append("\nfailures: ").append(step.failures());
    }
    return sb.toString();
  }

  private static String verdictLine(LagRule.Verdict v) {
    return (v.bounded() ? "  bounded   " : "  UNBOUNDED ") + v.reason();
  }

  /** The result rows of the sweep, one line per N. */
  static String sweepTable(List<Step> steps) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| cameras | detections/s | events/min | clips produced/expected | failed | p50 (s) |"
            + " p99 (s) | max (s) | max input lag (s) | input lag slope (records/s) | max render"
            + " queue | render queue slope (clips/min) | bounded | peak RSS (MiB) | peak heap"
            + " (MiB) |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
    for (Step s : steps) {
      PipelineRig.Tally t = s.tally();
      double rate = inputRecordsPerSecond(s.cameras());
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d | %.0f | %.0f | %d/%d | %d | %s | %s | %s | %.2f | %s | %.0f | %s | %s | %.0f |"
                  + " %.0f |%n",
              s.cameras(),
              s.detectionsPerSecond(),
              s.eventsPerMinute(),
              t.clips(),
              t.events(),
              t.failed(),
              MarkdownTable.number(t.latency(50)),
              MarkdownTable.number(t.latency(99)),
              MarkdownTable.number(t.maxLatency()),
              s.maxInputLagSeconds(),
              slope(s.input(), rate),
              s.maxRenderQueue(),
              slope(s.render(), 60),
              s.holds() ? "yes" : s.bounded() ? "yes (clips missing)" : "no",
              s.peakRssKib() / 1024.0,
              s.peakHeapBytes() / 1048576.0));
    }
    return sb.toString();
  }

  /** The verdict's slope per second, scaled ({@code scale}: unit conversion), or "-". */
  private static String slope(LagRule.Verdict v, double scale) {
    if (v.trend() == null) {
      return "-";
    }
    String s = String.format(Locale.ROOT, "%+.2f", v.trend().slopePerSecond() * scale);
    return s.equals("-0.00") ? "+0.00" : s;
  }

  /** The largest N that held (bounded, every clip), or 0. */
  static int largestHolding(List<Step> steps) {
    int best = 0;
    for (Step s : steps) {
      if (!s.holds()) {
        break;
      }
      best = s.cameras();
    }
    return best;
  }

  static String summary(List<Step> steps) {
    int best = largestHolding(steps);
    int tried = steps.stream().mapToInt(Step::cameras).max().orElse(0);
    return best == 0
        ? "sustained load: no camera count held (bounded lag, every clip); tried up to " + tried
        : String.format(
            Locale.ROOT,
            "sustained load: largest N with bounded lag (and every clip): %d cameras (%.0f"
                + " detections/s, %.0f events/min); tried up to %d",
            best,
            best * (double) PipelineRig.FPS,
            best * 60_000.0 / EVENT_INTERVAL_MS,
            tried);
  }

  private List<BenchRow> rows(List<Step> steps) {
    List<BenchRow> rows = new ArrayList<>();
    double inherent = PipelineRig.Timing.TUNED.inherentWaitSeconds();
    for (Step s : steps) {
      PipelineRig.Tally t = s.tally();
      String note =
          String.format(
                  Locale.ROOT,
                  "%d camera(s) for %.1f min: %.0f detections/s, %.0f events/min; %d/%d clips, %d"
                      + " failed, %d missing; p50 %.2f s, max %.2f s; %s; max render queue %.0f;"
                      + " peak RSS %.0f MiB, heap used %.0f MiB; ",
                  s.cameras(),
                  s.sweep().runMs() / 60_000.0,
                  s.detectionsPerSecond(),
                  s.eventsPerMinute(),
                  t.clips(),
                  t.events(),
                  t.failed(),
                  t.missing(),
                  t.latency(50),
                  t.maxLatency(),
                  s.holds() ? "bounded" : s.bounded() ? "bounded, clips missing" : "UNBOUNDED",
                  s.maxRenderQueue(),
                  s.peakRssKib() / 1024.0,
                  s.peakHeapBytes() / 1048576.0)
              + settings
              + "; "
              + PipelineRig.Timing.TUNED.note();
      rows.add(
          new BenchRow(
              "sustained load "
                  + s.cameras()
                  + (s.cameras() == 1 ? " camera" : " cameras")
                  + ": event close -> clip-ready p99",
              "inherent wait (postroll + grace)",
              inherent,
              t.latency(99),
              "s",
              false,
              note));
    }
    int tried = steps.stream().mapToInt(Step::cameras).max().orElse(0);
    rows.add(
        new BenchRow(
            "sustained load: largest N with bounded lag",
            "largest N tried",
            tried,
            largestHolding(steps),
            "cameras",
            true,
            summary(steps)
                + "; bounded = over the last third of the load, planner input lag and render"
                + " queue neither grow nor end high (see the sustained load section)"));
    return rows;
  }

  @Override
  public String report() {
    if (steps.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("## Sustained load\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "Per step N: a fresh in-process broker and service (%s); N cameras each publishing"
                + " one detection frame per video frame at 10 fps all the time (a person walking,"
                + " a car two thirds of the time), one event per camera per minute (staggered,"
                + " 4-6 s long, published closed) and 1 s segments as they close; %.1f min of load,"
                + " then a drain of at most %.0f s.%n%n",
            settings,
            steps.get(0).sweep().runMs() / 60_000.0,
            DRAIN_MS / 1000.0));
    sb.append(
        String.format(
            Locale.ROOT,
            "Bounded: over the last third of the load, the least-squares line of the planner's"
                + " input lag (in seconds of offered input) rises by at most %.0f s and its final"
                + " level (mean of the last 3 samples) is at most %.0f s; the line of the render"
                + " queue (render commands not yet read plus the renderer's backlog gauge) rises"
                + " by at most %.0f clips and its final level is at most the clips arriving in"
                + " %.0f s (at least %.0f). The sweep stops after the first N that is not bounded"
                + " or misses a clip.%n%n",
            INPUT_RISE_S,
            INPUT_BOUND_S,
            RENDER_RISE,
            RENDER_BOUND_S,
            RENDER_BOUND_MIN));
    sb.append(sweepTable(steps)).append('\n');
    sb.append(summary(steps)).append("\n\n");
    for (Step s : steps) {
      sb.append("<details><summary>N=")
          .append(s.cameras())
          .append(" samples</summary>\n\n")
          .append(stepReport(s))
          .append("\n\n</details>\n\n");
    }
    return sb.toString();
  }
}
