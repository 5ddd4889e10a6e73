package io.clipstream.bench;

import io.clipstream.media.Directories;
import io.clipstream.render.input.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream-bench render-benchmark}: on the same input, scaled to 720p and 1080p, times
 * Clipstream (decode, boxes and labels drawn into the YUV planes, libx264) against the ffmpeg CLI
 * doing decode + drawbox + libx264 with the same preset, CRF and GOP, and prints a Markdown table.
 */
@Command(
    name = "render-benchmark",
    mixinStandardHelpOptions = true,
    description =
        "Compares render throughput with the ffmpeg CLI at 720p and 1080p (needs ffmpeg on PATH).")
final class RenderBenchmarkCommand implements Callable<Integer> {

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
    Ffmpeg.version(); // a clear error when the CLI is missing
    Path work = Files.createTempDirectory("clipstream-bench");
    try {
      out.printf(
          "Input %s, %d s, preset %s, CRF %d, %d paired runs per size (medians; min-max in brackets)%n%n",
          input, seconds, preset, crf, runs);
      out.printf(
          "| size | frames | ffmpeg CLI fps | Clipstream fps | Clipstream / ffmpeg |%n"
              + "|---|---|---|---|---|%n");
      for (int[] size : SingleClipBenchmark.SIZES) {
        Path scaled = Inputs.scaled(work, input, size[0], size[1], seconds);
        SingleClipBenchmark.Result r =
            SingleClipBenchmark.measure(scaled, work, size, seconds, preset, crf, runs);
        out.printf(
            "| %dx%d | %d | %s | %s | %.0f %% |%n",
            size[0],
            size[1],
            r.frames(),
            Stats.summary(r.ffmpegFps()),
            Stats.summary(r.clipstreamFps()),
            100 * r.ratio());
        out.flush();
      }
    } finally {
      Directories.deleteTree(work);
    }
    return 0;
  }
}
