package io.clipstream.bench;

import io.clipstream.media.Directories;
import io.clipstream.render.input.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream benchmark}: the performance suite. Every row is measured side by side with its
 * reference (the ffmpeg CLI, naive rendering, real time, an unbounded pool) in the same run on the
 * same inputs; it prints a Markdown table and writes it, with a chart, to {@code --out}.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description =
        "Runs the performance suite (needs the ffmpeg CLI on PATH) and writes"
            + " DIR/performance.md and DIR/performance.png. The sustained load sweep runs only"
            + " when named: --only \"sustained load\" [--cameras 8,16,32 --minutes 5].")
final class BenchmarkCommand implements Callable<Integer> {

  static final int BAD_INPUT = 2;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--quick",
      description = "Short inputs and 1 run (a smoke run of about 2 minutes).")
  boolean quick;

  @Option(
      names = "--runs",
      description = "Runs per measurement; medians are reported (default 3, 1 with --quick).")
  Integer runs;

  @Option(
      names = "--footage",
      defaultValue = "samples/footage/one-by-one-person-detection.mp4",
      description = "The video the inputs are made from (default ${DEFAULT-VALUE}).")
  Path footage;

  @Option(
      names = "--out",
      defaultValue = "bench-results",
      description = "Directory for performance.md and performance.png (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--only",
      description =
          "Only these benchmarks, comma-separated (e.g. \"single clip,stream copy\");"
              + " \"sustained load\" runs only when named here.")
  String only;

  @Option(
      names = "--cameras",
      paramLabel = "N,N,...",
      description =
          "Sustained load: the camera counts of the sweep, ascending (default "
              + "8,16,32,48,64; 2,4 with --quick). It stops after the first that is not bounded.")
  String cameras;

  @Option(
      names = "--minutes",
      paramLabel = "M",
      description =
          "Sustained load: minutes of load per camera count, at least 0.5 (default 5; 0.5 with"
              + " --quick), then a drain of at most 90 s.")
  Double minutes;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Suite suite;
    String ffmpegCli;
    int n = runs != null ? runs : quick ? 1 : 3;
    try {
      if (n < 1) {
        throw new BadInputException("--runs must be at least 1, got " + n);
      }
      if (!Files.isRegularFile(footage)) {
        throw new BadInputException("No such footage file: " + footage + " (give --footage FILE)");
      }
      SustainedLoadBenchmark.Sweep sweep =
          cameras != null || minutes != null
              ? SustainedLoadBenchmark.Sweep.of(cameras, minutes, quick)
              : null;
      suite = Suite.all(sweep).only(only);
      if (sweep != null
          && suite.benchmarks().stream().noneMatch(b -> b instanceof SustainedLoadBenchmark)) {
        throw new BadInputException(
            "--cameras and --minutes are for the sustained load: add --only \"sustained load\"");
      }
      ffmpegCli = Ffmpeg.version();
    } catch (BadInputException | IllegalArgumentException e) {
      err.println("clipstream benchmark: " + e.getMessage());
      return BAD_INPUT;
    }
    String environment = Suite.environment(ffmpegCli);
    stdout.println("Environment: " + environment);
    stdout.printf(
        "%d run(s) per measurement%s; medians, advantage > 1 = Clipstream better%n%n",
        n, quick ? ", quick profile" : "");
    stdout.flush();
    Files.createDirectories(out);
    Path work = Files.createTempDirectory("clipstream-bench");
    List<BenchRow> rows;
    try {
      BenchContext context = new BenchContext(work, footage, n, quick, stdout);
      List<BenchRow> seen = new ArrayList<>();
      rows =
          suite.run(
              context,
              row -> {
                if (seen.isEmpty()) {
                  stdout.println(MarkdownTable.render(List.of()).strip());
                }
                seen.add(row);
                stdout.println(MarkdownTable.line(row));
                stdout.flush();
              });
    } finally {
      Directories.deleteTree(work);
    }
    String table = MarkdownTable.render(rows);
    stdout.println();
    stdout.println(table);
    Files.writeString(
        out.resolve("performance.md"),
        Suite.markdown(rows, commandLine(n), environment, suite.reports()));
    BarChart.write(
        "Clipstream performance (" + LocalDate.now() + ")", rows, out.resolve("performance.png"));
    stdout.printf(
        "Wrote %s and %s%n", out.resolve("performance.md"), out.resolve("performance.png"));
    stdout.flush();
    return rows.stream().anyMatch(r -> r.name().endsWith("(FAILED)")) ? 1 : 0;
  }

  private String commandLine(int n) {
    StringBuilder sb = new StringBuilder("java -jar bench/target/clipstream-bench.jar benchmark");
    if (quick) {
      sb.append(" --quick");
    }
    if (runs != null) {
      sb.append(" --runs ").append(n);
    }
    if (only != null && !only.isBlank()) {
      sb.append(" --only \"").append(only).append('"');
    }
    if (cameras != null) {
      sb.append(" --cameras ").append(cameras);
    }
    if (minutes != null) {
      sb.append(" --minutes ").append(minutes);
    }
    return sb.toString();
  }
}
