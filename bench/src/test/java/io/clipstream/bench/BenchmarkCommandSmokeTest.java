package io.clipstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code clipstream benchmark --quick --only "stream copy"}: the fastest benchmark, end to end. */
class BenchmarkCommandSmokeTest {

  @TempDir Path out;

  @Test
  void quickStreamCopyPrintsARowWithAPositiveValueAndWritesTheReport() throws Exception {
    assertThat(ffmpegOnPath())
        .as("the ffmpeg CLI must be on PATH (Debian package ffmpeg; .ci/run installs it)")
        .isTrue();
    String stdout = quickRun("stream copy");
    List<String> rows = stdout.lines().filter(l -> l.startsWith("| stream copy")).toList();
    assertThat(rows).isNotEmpty();
    String[] cells = rows.get(0).split("\\|");
    double value = Double.parseDouble(cells[4].trim());
    assertThat(value).as("x real time").isPositive();
    assertThat(cells[6].trim()).endsWith("x");
    String md = Files.readString(out.resolve("performance.md"));
    assertThat(md).contains(MarkdownTable.HEADER, "| stream copy", "cores", "--quick");
    assertThat(Files.size(out.resolve("performance.png"))).isPositive();
  }

  @Test
  void quickMatrixRendersTheSyntheticCellAsWholeProcessesAndInAResidentProcess() throws Exception {
    String stdout = quickRun("single clip matrix");
    List<String> rows = stdout.lines().filter(l -> l.startsWith("| matrix 720p veryfast")).toList();
    assertThat(rows).as(stdout).isNotEmpty();
    String[] cells = rows.get(0).split("\\|");
    assertThat(Double.parseDouble(cells[3].trim())).as("CLI fps").isPositive();
    assertThat(Double.parseDouble(cells[4].trim())).as("Clipstream fps").isPositive();
    String md = Files.readString(out.resolve("performance.md"));
    assertThat(md).contains("## Single clip matrix", "Reference: ffmpeg version", "| synthetic |");
    String detail = md.lines().filter(l -> l.startsWith("| synthetic |")).findFirst().orElseThrow();
    String resident = detail.split("\\|")[8].trim();
    assertThat(Double.parseDouble(resident.substring(0, resident.indexOf(' '))))
        .as("resident process fps, in " + detail)
        .isPositive();
  }

  @Test
  void unknownBenchmarkNameIsABadInput() {
    StringWriter stderr = new StringWriter();
    CommandLine cli = BenchMain.newCommandLine();
    cli.setErr(new PrintWriter(stderr));
    cli.setOut(new PrintWriter(new StringWriter()));
    int code =
        cli.execute(
            "benchmark",
            "--only",
            "warp drive",
            "--footage",
            footage().toString(),
            "--out",
            out.toString());
    assertThat(code).isEqualTo(2);
    assertThat(stderr.toString().toLowerCase(Locale.ROOT)).contains("no benchmark named");
  }

  /** Runs {@code benchmark --quick --only NAME} and returns its standard output; it must exit 0. */
  private String quickRun(String only) {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine cli = BenchMain.newCommandLine();
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    int code =
        cli.execute(
            "benchmark",
            "--quick",
            "--only",
            only,
            "--footage",
            footage().toString(),
            "--out",
            out.toString());
    assertThat(code).as(stdout + "\n" + stderr).isZero();
    return stdout.toString();
  }

  private static boolean ffmpegOnPath() {
    try {
      return new ProcessBuilder("ffmpeg", "-version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static Path footage() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root").isNotNull();
    return dir.resolve("samples/footage/one-by-one-person-detection.mp4");
  }
}
