package io.clipstream.bench;

import io.clipstream.media.FFmpegRuntime;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The performance suite: runs each benchmark in turn, turns a failing one into a row that says so
 * (the suite goes on), and reports a Markdown table and a chart.
 */
public final class Suite {

  private final List<Benchmark> benchmarks;

  public Suite(List<Benchmark> benchmarks) {
    this.benchmarks = List.copyOf(benchmarks);
  }

  /** Every benchmark, in the order of the table. */
  public static Suite all() {
    return all(null);
  }

  /**
   * Every benchmark, in the order of the table, with the sustained load sweep fixed to {@code
   * sweep} (null: its default or quick profile).
   */
  public static Suite all(SustainedLoadBenchmark.Sweep sweep) {
    return new Suite(
        List.of(
            new SingleClipBenchmark(),
            new MatrixBenchmark(),
            new WindowPositionBenchmark(),
            new BatchBenchmark(),
            BatchBenchmark.fiveFromOneMinute(),
            new StreamCopyBenchmark(),
            new MemoryBoundBenchmark(),
            new RedactionCostBenchmark(),
            new KafkaLatencyBenchmark(),
            new SustainedLoadBenchmark(sweep)));
  }

  public List<Benchmark> benchmarks() {
    return benchmarks;
  }

  /**
   * Only the benchmarks named in {@code only} (comma-separated, case-insensitive); when blank,
   * those of the default run ({@link Benchmark#inDefaultRun()}: not the long sustained load).
   *
   * @throws IllegalArgumentException for a name no benchmark has
   */
  public Suite only(String only) {
    if (only == null || only.isBlank()) {
      return new Suite(benchmarks.stream().filter(Benchmark::inDefaultRun).toList());
    }
    Set<String> wanted =
        Arrays.stream(only.split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    List<String> names = benchmarks.stream().map(Benchmark::name).toList();
    for (String w : wanted) {
      if (names.stream().noneMatch(n -> n.equalsIgnoreCase(w))) {
        throw new IllegalArgumentException(
            "No benchmark named '" + w + "': choose from " + String.join(", ", names));
      }
    }
    return new Suite(
        benchmarks.stream()
            .filter(b -> wanted.contains(b.name().toLowerCase(Locale.ROOT)))
            .toList());
  }

  /** Runs every benchmark, handing each row to {@code onRow} as soon as it is measured. */
  public List<BenchRow> run(BenchContext context, Consumer<BenchRow> onRow) {
    List<BenchRow> rows = new ArrayList<>();
    for (Benchmark b : benchmarks) {
      context.log().printf("Running %s...%n", b.name());
      context.log().flush();
      long t0 = System.nanoTime();
      List<BenchRow> produced;
      try {
        produced = b.run(context);
      } catch (Exception | Error e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
          throw (Error) e;
        }
        produced = List.of(failed(b.name(), e));
      }
      context.log().printf("  (%s took %.0f s)%n", b.name(), Stats.secondsSince(t0));
      for (BenchRow row : produced) {
        rows.add(row);
        onRow.accept(row);
      }
    }
    return rows;
  }

  /** The row standing for a benchmark that threw. */
  static BenchRow failed(String name, Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new BenchRow(
        name + " (FAILED)",
        "-",
        Double.NaN,
        Double.NaN,
        "-",
        true,
        "failed: " + e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse(""));
  }

  /** Cores, memory, JVM, FFmpeg versions and date, on one line. */
  public static String environment(String ffmpegCli) {
    long memory = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    String javacvFfmpeg;
    try {
      javacvFfmpeg = FFmpegRuntime.ffmpegVersion();
    } catch (RuntimeException | LinkageError e) {
      javacvFfmpeg = "unknown";
    }
    return String.format(
        Locale.ROOT,
        "%d cores, %.1f GiB memory, Java %s (%s), JavaCV FFmpeg %s, CLI %s, %s %s, %s",
        Runtime.getRuntime().availableProcessors(),
        memory / (1024.0 * 1024 * 1024),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        javacvFfmpeg,
        ffmpegCli,
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        LocalDate.now());
  }

  /** The report: title, command, environment, table. */
  public static String markdown(List<BenchRow> rows, String command, String environment) {
    return markdown(rows, command, environment, List.of());
  }

  /** The report: title, command, environment, table, then each non-empty section. */
  public static String markdown(
      List<BenchRow> rows, String command, String environment, List<String> sections) {
    return "# Clipstream performance\n\n"
        + "Command: `"
        + command
        + "`\n\n"
        + "Environment: "
        + environment
        + "\n\n"
        + "Each row is measured side by side with its reference in the same run on the same inputs;"
        + " values are medians. Advantage above 1 means Clipstream is better.\n\n"
        + MarkdownTable.render(rows)
        + "\n![advantage per row](performance.png)\n"
        + sections.stream()
            .filter(section -> !section.isBlank())
            .map(section -> "\n" + section.strip() + "\n")
            .collect(Collectors.joining());
  }

  /** The sections of the benchmarks' last runs ({@link Benchmark#report()}), in order. */
  public List<String> reports() {
    return benchmarks.stream().map(Benchmark::report).filter(r -> !r.isBlank()).toList();
  }
}
