package io.clipstream.cli;

import io.clipstream.media.EncoderSettings;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.ClipRequest;
import io.clipstream.render.ClipResult;
import io.clipstream.render.ClipSource;
import io.clipstream.render.EventWindow;
import io.clipstream.render.RenderSettings;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.detections.SourceDetection;
import io.clipstream.render.input.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream render benchmark}: on the same input, scaled to 720p and 1080p, times
 * Clipstream (decode, boxes and labels drawn into the YUV planes, libx264) against the ffmpeg CLI
 * doing decode + drawbox + libx264 with the same preset, CRF and GOP, and prints a Markdown table.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description =
        "Compares render throughput with the ffmpeg CLI at 720p and 1080p (needs ffmpeg on PATH).")
final class RenderCommandBenchmark implements Callable<Integer> {

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      description = "A video to benchmark on (it is scaled first).")
  Path input;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "Length of footage rendered (default 30).")
  int seconds;

  @Option(
      names = "--preset",
      defaultValue = "veryfast",
      description = "x264 preset used by both sides (default veryfast).")
  String preset;

  @Option(
      names = "--crf",
      defaultValue = "23",
      description = "x264 CRF used by both sides (default 23).")
  int crf;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description =
          "Paired runs per size; the table shows medians (default 3). This machine is noisy.")
  int runs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isRegularFile(input)) {
      throw new BadInputException("No such file: " + input);
    }
    if (runs < 1) {
      throw new BadInputException("--runs must be at least 1, got " + runs);
    }
    Path work = Files.createTempDirectory("clipstream-bench");
    try {
      out.printf(
          "Input %s, %d s, preset %s, CRF %d, %d paired runs per size (medians; min-max in brackets)%n%n",
          input, seconds, preset, crf, runs);
      out.printf(
          "| size | frames | ffmpeg CLI fps | Clipstream fps | Clipstream / ffmpeg |%n"
              + "|---|---|---|---|---|%n");
      for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
        Path scaled = scaledInput(work, size);
        renderOurs(scaled, work, size); // warm-up: JIT and native initialisation are not measured
        List<Double> ffmpegFps = new ArrayList<>();
        List<Double> oursFps = new ArrayList<>();
        long frames = 0;
        for (int run = 0; run < runs; run++) {
          ClipResult ours = renderOurs(scaled, work, size);
          frames = ours.frames();
          oursFps.add(ours.frames() * 1000.0 / Math.max(1, ours.renderMillis()));
          ffmpegFps.add(ours.frames() / timeFfmpeg(scaled, work, size, ours));
        }
        out.printf(
            "| %dx%d | %d | %s | %s | %.0f %% |%n",
            size[0],
            size[1],
            frames,
            summary(ffmpegFps),
            summary(oursFps),
            100 * median(oursFps) / median(ffmpegFps));
        out.flush();
      }
    } finally {
      deleteRecursively(work);
    }
    return 0;
  }

  private Path scaledInput(Path work, int[] size) throws IOException, InterruptedException {
    Path scaled = work.resolve("in_" + size[1] + ".mp4");
    ffmpeg(
        "-i",
        input.toString(),
        "-t",
        Integer.toString(seconds),
        "-vf",
        "scale=" + size[0] + ":" + size[1],
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        "18",
        "-pix_fmt",
        "yuv420p",
        scaled.toString());
    return scaled;
  }

  /** Seconds the ffmpeg CLI takes for decode + drawbox + libx264 with our preset, CRF and GOP. */
  private double timeFfmpeg(Path scaled, Path work, int[] size, ClipResult ours)
      throws IOException, InterruptedException {
    int gop = EncoderSettings.defaults().gopFrames(ours.frameRate());
    long start = System.nanoTime();
    ffmpeg(
        "-i",
        scaled.toString(),
        "-vf",
        "drawbox=x=iw/8:y=ih/4:w=iw/5:h=ih/2:color=yellow@1:t=3,"
            + "drawbox=x=iw/2:y=ih/5:w=iw/6:h=ih/2:color=red@1:t=3",
        "-c:v",
        "libx264",
        "-preset",
        preset,
        "-crf",
        Integer.toString(crf),
        "-profile:v",
        "high",
        "-pix_fmt",
        "yuv420p",
        "-g",
        Integer.toString(gop),
        "-movflags",
        "+faststart",
        work.resolve("ffmpeg_" + size[1] + ".mp4").toString());
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String summary(List<Double> values) {
    return String.format(
        "%.1f [%.1f-%.1f]",
        median(values),
        values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private ClipResult renderOurs(Path scaled, Path work, int[] size) {
    List<DetectionSample> samples = new ArrayList<>();
    for (long t = 0; t < seconds * 1_000_000L; t += 100_000) { // two moving tracked boxes at 10 Hz
      float dx = (t / 100_000) % 200;
      samples.add(
          new DetectionSample(
              t,
              List.of(
                  SourceDetection.tracked(
                      size[0] / 8f + dx,
                      size[1] / 4f,
                      size[0] / 3f + dx,
                      size[1] * 0.75f,
                      "person",
                      1,
                      0.9f),
                  SourceDetection.tracked(
                      size[0] / 2f,
                      size[1] / 5f - dx / 4,
                      size[0] * 0.66f,
                      size[1] * 0.7f,
                      "car",
                      2,
                      0.8f))));
    }
    ClipSource source =
        new ClipSource(scaled.toString(), 0, seconds * 1_000_000L, Instant.EPOCH, samples);
    RenderSettings settings =
        RenderSettings.builder()
            .thumbnail(false)
            .encoder(EncoderSettings.defaults().withPreset(preset).withCrf(crf))
            .build();
    ClipRequest request =
        new ClipRequest(
            "bench-" + size[1],
            "bench",
            List.of(source),
            new EventWindow(Instant.EPOCH, Instant.EPOCH.plusSeconds(seconds)),
            Set.of(1L),
            settings,
            work,
            "clipstream_" + size[1]);
    try (ClipRenderer renderer = new ClipRenderer()) {
      return renderer.render(request);
    }
  }

  private static void ffmpeg(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      throw new BadInputException(
          "The benchmark needs the ffmpeg CLI on PATH (apt-get install ffmpeg)");
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("ffmpeg failed: " + String.join(" ", command));
    }
  }
}
