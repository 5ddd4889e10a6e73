package io.clipstream.bench;

import io.clipstream.media.EncoderSettings;
import io.clipstream.media.Rational;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-clip matrix of issue 20: 720p and 1080p, x264 presets veryfast and medium, natural
 * footage and a high-entropy synthetic input, each with four moving boxes. Both sides are whole
 * processes ({@code clipstream render} in a fresh JVM against the ffmpeg CLI doing decode, four
 * {@code drawbox} and libx264 with the same preset, CRF, profile and GOP), run alternately with the
 * order flipped every run; medians and ranges are reported, with Clipstream's own render time (its
 * JVM start and FFmpeg loading left out) beside them.
 */
public final class MatrixBenchmark implements Benchmark {

  /** One cell: input kind, size, preset and how many frames. */
  record Case(String input, int width, int height, String preset, int frames) {

    String label() {
      return height + "p " + preset + " " + input;
    }
  }

  /**
   * What was measured for one cell, frames per second of each run; {@code started} is the whole
   * process with the start-up settings of {@code bin/clipstream}, {@code resident} the same command
   * in a JVM that has rendered before (what a running service pays per clip).
   */
  record Cell(
      Case c,
      List<Double> cli,
      List<Double> whole,
      List<Double> started,
      List<Double> resident,
      List<Double> renderOnly,
      List<Double> decodeShare) {}

  /**
   * The JVM flags {@code bin/clipstream} adds for a one-shot command, with the class-data-sharing
   * archive the warm-up run wrote.
   */
  static List<String> launcherFlags(Path archive) {
    if (archive == null) {
      return List.of("-XX:TieredStopAtLevel=1");
    }
    return List.of(
        "-XX:SharedArchiveFile=" + archive,
        "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off",
        "-XX:TieredStopAtLevel=1");
  }

  /**
   * Java 17 archives classes only from jar files: run from the packaged jars the benchmark can,
   * from a build's class folders (the smoke test) it cannot.
   */
  static boolean classPathOfJarsOnly() {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty() && !Files.isRegularFile(Path.of(entry))) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern RENDER_SECONDS =
      Pattern.compile(" in ([0-9.]+) s \\(decode ([0-9.]+) s, encode ([0-9.]+) s\\)");

  private static final int RESIDENT_WARM_UP_CLIPS = 6;

  private static final int NATURAL_FPS = 10;
  private static final int SYNTHETIC_FPS = 25;

  private final List<Cell> cells = new ArrayList<>();
  private String reference = "";
  private String load = "";
  private String cdsNote = "";

  @Override
  public String name() {
    return "single clip matrix";
  }

  /** Ten minutes on two cores: it runs when named in {@code --only}, and in the quick profile. */
  @Override
  public boolean inDefaultRun() {
    return false;
  }

  static List<Case> cases(boolean quick) {
    if (quick) {
      return List.of(new Case("synthetic", 1280, 720, "veryfast", 50));
    }
    List<Case> cases = new ArrayList<>();
    for (String input : List.of("natural", "synthetic")) {
      for (int[] size : SingleClipBenchmark.SIZES) {
        for (String preset : List.of("veryfast", "medium")) {
          // 30 s of the 10 fps footage; 6 s of the 25 fps synthetic input, whose cells are the
          // slowest (the whole matrix stays under 10 minutes on two quiet cores).
          cases.add(new Case(input, size[0], size[1], preset, input.equals("natural") ? 300 : 150));
        }
      }
    }
    return cases;
  }

  @Override
  public List<BenchRow> run(BenchContext context) throws Exception {
    cells.clear();
    ReferenceCli cli = ReferenceCli.find();
    reference = cli.describe();
    String loadBefore = loadAverage();
    List<BenchRow> rows = new ArrayList<>();
    boolean warm = false;
    Path archive = classPathOfJarsOnly() ? context.work().resolve("clipstream-render.jsa") : null;
    cdsNote =
        archive == null
            ? " Class-data sharing was not used in this run: the class path has folders (run the"
                + " packaged bench jar for it); the settings column has the client compiler only."
            : "";
    try (ResidentRender.Client resident = new ResidentRender.Client(List.of())) {
      for (Case c : cases(context.quick())) {
        Prepared p = prepare(context, c);
        warm = warmUp(context, cli, p, resident, archive, warm);
        Cell cell =
            measure(cli, p, context.work(), context.runs(), launcherFlags(archive), resident);
        cells.add(cell);
        rows.add(row(cell));
        rows.add(residentRow(cell));
        context
            .log()
            .printf(
                "  %s: CLI %.1f fps, Clipstream %.1f fps (%.0f %%), with bin/clipstream's start-up"
                    + " settings %.1f fps (%.0f %%), resident process %.1f fps (%.0f %%)%n",
                c.label(),
                Stats.median(cell.cli()),
                Stats.median(cell.whole()),
                100 * Stats.median(cell.whole()) / Stats.median(cell.cli()),
                Stats.median(cell.started()),
                100 * Stats.median(cell.started()) / Stats.median(cell.cli()),
                Stats.median(cell.resident()),
                100 * Stats.median(cell.resident()) / Stats.median(cell.cli()));
        context.log().flush();
      }
    }
    load = loadBefore + " before, " + loadAverage() + " after";
    return rows;
  }

  /**
   * Before the first cell: the page cache, the natives, the class-data archive and the resident
   * JVM's JIT, none of it measured. Returns whether the warm-up is done.
   */
  private static boolean warmUp(
      BenchContext context,
      ReferenceCli cli,
      Prepared p,
      ResidentRender.Client resident,
      Path archive,
      boolean warm)
      throws IOException, InterruptedException {
    if (warm) {
      return true;
    }
    // As bin/clipstream's first run of a command: the classes it loaded, archived at exit.
    renderClipstream(
        p,
        context.work().resolve("warm.mp4"),
        archive == null
            ? List.of()
            : List.of(
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    if (!context.quick()) {
      renderCli(cli, p, context.work().resolve("warm_cli.mp4"));
    }
    // A service has rendered many clips before the one measured. C2 keeps compiling through the
    // first clips (per clip 0.3-0.5 s more CPU than at the sixth, on 2 cores): six clips first.
    for (int i = 0; i < (context.quick() ? 1 : RESIDENT_WARM_UP_CLIPS); i++) {
      resident.run(renderArguments(p, context.work().resolve("warm_resident.mp4")));
    }
    return true;
  }

  /** The input, its detections and the CLI's filter for one cell. */
  record Prepared(Case c, Path input, Path detections, String filter, int fps, int gop) {}

  private static Prepared prepare(BenchContext context, Case c)
      throws IOException, InterruptedException {
    Path work = context.work();
    boolean natural = c.input().equals("natural");
    int fps = natural ? NATURAL_FPS : SYNTHETIC_FPS;
    Path input =
        natural
            ? Inputs.scaled(work, context.footage(), c.width(), c.height(), c.frames() / fps)
            : Inputs.synthetic(work, c.width(), c.height(), c.frames(), fps);
    MovingBoxes boxes = new MovingBoxes(c.width(), c.height(), c.frames(), fps);
    String stem = "boxes_" + c.height() + "_" + fps + "_" + c.frames();
    Path detections = boxes.writeDetections(work.resolve(stem + ".jsonl"));
    String filter = boxes.drawboxFilter(work.resolve(stem + ".cmd"));
    int gop = EncoderSettings.defaults().gopFrames(new Rational(fps, 1));
    return new Prepared(c, input, detections, filter, fps, gop);
  }

  private static Cell measure(
      ReferenceCli cli,
      Prepared p,
      Path work,
      int runs,
      List<String> launcherFlags,
      ResidentRender.Client resident)
      throws IOException, InterruptedException {
    List<Double> cliFps = new ArrayList<>();
    List<Double> whole = new ArrayList<>();
    List<Double> started = new ArrayList<>();
    List<Double> residentFps = new ArrayList<>();
    List<Double> renderOnly = new ArrayList<>();
    List<Double> decodeShare = new ArrayList<>();
    int frames = p.c().frames();
    for (int run = 0; run < runs; run++) {
      boolean cliFirst = run % 2 == 0; // flipped every run so that drift in load hits both sides
      if (cliFirst) {
        cliFps.add(frames / renderCli(cli, p, work.resolve("cli.mp4")));
      }
      double[] ours = renderClipstream(p, work.resolve("clipstream.mp4"), List.of());
      whole.add(frames / ours[0]);
      renderOnly.add(frames / ours[1]);
      decodeShare.add(100 * ours[2] / ours[1]);
      started.add(frames / renderClipstream(p, work.resolve("started.mp4"), launcherFlags)[0]);
      ResidentRender.Client.Result inResident =
          resident.run(renderArguments(p, work.resolve("resident.mp4")));
      checkAllFramesRendered(p, inResident.output());
      residentFps.add(frames / inResident.seconds());
      if (!cliFirst) {
        cliFps.add(frames / renderCli(cli, p, work.resolve("cli.mp4")));
      }
    }
    return new Cell(p.c(), cliFps, whole, started, residentFps, renderOnly, decodeShare);
  }

  /** The CLI's decode + 4 drawbox + libx264 of the whole input, in seconds. */
  static double renderCli(ReferenceCli cli, Prepared p, Path out)
      throws IOException, InterruptedException {
    return cli.run(
        List.of(
            "-i",
            p.input().toString(),
            "-vf",
            p.filter(),
            "-an",
            "-c:v",
            "libx264",
            "-preset",
            p.c().preset(),
            "-crf",
            Integer.toString(Inputs.CRF),
            "-profile:v",
            "high",
            "-pix_fmt",
            "yuv420p",
            "-g",
            Integer.toString(p.gop()),
            "-movflags",
            "+faststart",
            out.toString()));
  }

  /**
   * {@code clipstream render} of the whole input in a fresh JVM started with {@code jvmFlags}: the
   * process's seconds, the render's own and its time waiting for the decoder (as it reports them).
   */
  static double[] renderClipstream(Prepared p, Path out, List<String> jvmFlags)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.clipstream.cli.Main"));
    command.addAll(renderArguments(p, out));
    ReferenceCli.ChildProcess.Result r = ReferenceCli.ChildProcess.run(command);
    Matcher m = RENDER_SECONDS.matcher(r.output());
    if (!m.find()) {
      throw new IllegalStateException("clipstream render did not report its time:\n" + r.output());
    }
    checkAllFramesRendered(p, r.output());
    return new double[] {
      r.seconds(), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))
    };
  }

  private static void checkAllFramesRendered(Prepared p, String output) {
    if (!output.contains(" " + p.c().frames() + " frames ")) {
      throw new IllegalStateException(
          "clipstream render did not render all " + p.c().frames() + " frames:\n" + output);
    }
  }

  /** The arguments of {@code clipstream render} for the whole input of a cell. */
  static List<String> renderArguments(Prepared p, Path out) {
    double seconds = p.c().frames() / (double) p.fps();
    return List.of(
        "render",
        "--video",
        p.input().toString(),
        "--detections",
        p.detections().toString(),
        "--from",
        "0",
        "--to",
        String.format(Locale.ROOT, "%.3f", seconds),
        "--preset",
        p.c().preset(),
        "--crf",
        Integer.toString(Inputs.CRF),
        "--encoder",
        "x264",
        "--no-thumbnail",
        "--no-progress",
        "-o",
        out.toString());
  }

  private BenchRow row(Cell cell) {
    Case c = cell.c();
    return new BenchRow(
        "matrix " + c.label(),
        "ffmpeg CLI decode+4 drawbox+libx264 (whole process)",
        Stats.median(cell.cli()),
        Stats.median(cell.whole()),
        "fps",
        true,
        String.format(
            Locale.ROOT,
            "%d frames %dx%d, %s CRF %d, %d moving boxes; CLI %s; Clipstream whole process %s,"
                + " with bin/clipstream's start-up settings %s (%.2fx), in a resident process %s"
                + " (%.2fx), render only %.1f fps (%s)",
            c.frames(),
            c.width(),
            c.height(),
            c.preset(),
            Inputs.CRF,
            MovingBoxes.COUNT,
            Stats.spread(cell.cli(), "%.1f"),
            Stats.spread(cell.whole(), "%.1f"),
            Stats.spread(cell.started(), "%.1f"),
            Stats.median(cell.started()) / Stats.median(cell.cli()),
            Stats.spread(cell.resident(), "%.1f"),
            Stats.median(cell.resident()) / Stats.median(cell.cli()),
            Stats.median(cell.renderOnly()),
            reference));
  }

  /** The resident process against the same CLI runs: the chart shows it beside the whole one. */
  private static BenchRow residentRow(Cell cell) {
    Case c = cell.c();
    return new BenchRow(
        "matrix " + c.label() + ", resident process",
        "ffmpeg CLI decode+4 drawbox+libx264 (whole process)",
        Stats.median(cell.cli()),
        Stats.median(cell.resident()),
        "fps",
        true,
        String.format(
            Locale.ROOT,
            "the same clipstream render command in a JVM that has rendered before: %s",
            Stats.spread(cell.resident(), "%.1f")));
  }

  @Override
  public String report() {
    if (cells.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("## Single clip matrix\n\n");
    sb.append("Reference: ").append(reference).append(". Load average (1/5/15 min): ");
    sb.append(load).append(".\n\n");
    sb.append(
        "| input | size | preset | frames | ffmpeg CLI fps | Clipstream fps (whole process)"
            + " | Clipstream fps (whole, bin/clipstream settings) | Clipstream fps (resident"
            + " process) | Clipstream fps (render only) | Clipstream / CLI (whole)"
            + " | (whole, bin/clipstream) | (resident) | (render only)"
            + " | render's time on the decoder |\n");
    sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Cell cell : cells) {
      Case c = cell.c();
      double cli = Stats.median(cell.cli());
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %dp | %s | %d | %s | %s | %s | %s | %s | %.2fx | %.2fx | %.2fx | %.2fx"
                  + " | %.0f %% |%n",
              c.input(),
              c.height(),
              c.preset(),
              c.frames(),
              Stats.summary(cell.cli()),
              Stats.summary(cell.whole()),
              Stats.summary(cell.started()),
              Stats.summary(cell.resident()),
              Stats.summary(cell.renderOnly()),
              Stats.median(cell.whole()) / cli,
              Stats.median(cell.started()) / cli,
              Stats.median(cell.resident()) / cli,
              Stats.median(cell.renderOnly()) / cli,
              Stats.median(cell.decodeShare())));
    }
    sb.append(
        "\nfps: median [range] over the runs. Whole process: the JVM start and the loading of the"
            + " FFmpeg natives included, as the CLI's process start is. bin/clipstream settings: the"
            + " same with the launcher's JVM flags (the class-data-sharing archive of a first run,"
            + " the client compiler only). Resident process: the same `clipstream render` command"
            + " run in a JVM that has rendered before (its JIT warm, the FFmpeg libraries loaded),"
            + " timed from its parsing to its return: what a running service pays per clip."
            + " Time on the decoder: the share of the render the render"
            + " thread spent decoding (render.decode.mode inline, the default below 4 processors)"
            + " or waiting for a decoded frame (ahead, on its own thread)."
            + cdsNote
            + "\n");
    return sb.toString();
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
