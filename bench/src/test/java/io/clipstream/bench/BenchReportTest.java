package io.clipstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  @TempDir Path dir;

  private static final BenchRow FPS =
      new BenchRow("single clip 1080p", "ffmpeg CLI", 50, 55, "fps", true, "3 runs");
  private static final BenchRow SECONDS =
      new BenchRow("batch | shared", "one per clip", 20, 10, "s", false, "line\nbreak");

  @Test
  void advantageIsAboveOneWhenClipstreamIsBetterWhicheverWayTheUnitPoints() {
    assertThat(FPS.advantage()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(SECONDS.advantage()).isEqualTo(2.0);
    assertThat(new BenchRow("a", "b", 10, 20, "s", false, "").advantage()).isEqualTo(0.5);
    assertThat(new BenchRow("a", "b", 0, 20, "s", false, "").advantage()).isNaN();
  }

  @Test
  void tableHasTheColumnsAndOneEscapedLinePerRow() {
    String table = MarkdownTable.render(List.of(FPS, SECONDS));
    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .isEqualTo(
            "| name | reference | reference value | Clipstream value | unit |"
                + " Clipstream advantage (x) | note |");
    assertThat(lines.get(2))
        .isEqualTo("| single clip 1080p | ffmpeg CLI | 50.0 | 55.0 | fps | 1.10x | 3 runs |");
    assertThat(lines.get(3))
        .isEqualTo("| batch \\| shared | one per clip | 20.0 | 10.0 | s | 2.00x | line break |");
    for (String line : lines) {
      assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(8);
    }
  }

  @Test
  void failedRowShowsNoValues() {
    BenchRow failed = Suite.failed("batch", new IllegalStateException("boom\nmore"));
    assertThat(MarkdownTable.line(failed))
        .isEqualTo("| batch (FAILED) | - | - | - | - | - | failed: IllegalStateException: boom |");
  }

  @Test
  void numbersKeepAboutThreeSignificantDigits() {
    assertThat(MarkdownTable.number(1234.5)).isEqualTo("1235");
    assertThat(MarkdownTable.number(12.345)).isEqualTo("12.3");
    assertThat(MarkdownTable.number(1.2345)).isEqualTo("1.23");
    assertThat(MarkdownTable.number(0.12345)).isEqualTo("0.123");
    assertThat(MarkdownTable.number(Double.NaN)).isEqualTo("-");
  }

  @Test
  void chartIsA1200By600PngWithBarsEitherSideOfParity() throws IOException {
    BenchRow worse = new BenchRow("worse", "ref", 10, 5, "fps", true, "");
    Path png = dir.resolve("chart.png");
    BarChart.write("test", List.of(FPS, SECONDS, worse, Suite.failed("x", new Exception())), png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(600);
    assertThat(countColour(image, 0x2E7D32)).as("green bars (better)").isGreaterThan(500);
    assertThat(countColour(image, 0xC62828)).as("red bar (worse)").isGreaterThan(500);
    assertThat(countColour(image, 0x1565C0)).as("no parity bar").isZero();
  }

  @Test
  void axisAlwaysIncludesParityAndEveryAdvantage() {
    double[] range =
        BarChart.axisRange(List.of(FPS, new BenchRow("a", "b", 1, 100, "x", true, "")));
    assertThat(range[0]).isLessThan(1);
    assertThat(range[1]).isGreaterThan(100);
    assertThat(BarChart.ticks(0.5, 200)).contains(0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 200.0);
  }

  @Test
  void suiteKeepsGoingAfterAFailingBenchmarkAndFiltersByName() {
    Benchmark failing =
        new Benchmark() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public List<BenchRow> run(BenchContext context) {
            throw new IllegalStateException("no input");
          }
        };
    Benchmark fine =
        new Benchmark() {
          @Override
          public String name() {
            return "fine";
          }

          @Override
          public List<BenchRow> run(BenchContext context) {
            return List.of(FPS);
          }
        };
    StringWriter log = new StringWriter();
    BenchContext context = new BenchContext(dir, dir, 1, true, new PrintWriter(log));
    List<BenchRow> rows = new Suite(List.of(failing, fine)).run(context, r -> {});
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).name()).isEqualTo("broken (FAILED)");
    assertThat(rows.get(0).note()).contains("no input");
    assertThat(rows.get(1)).isEqualTo(FPS);

    assertThat(new Suite(List.of(failing, fine)).only("FINE").benchmarks()).containsExactly(fine);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Suite(List.of(failing, fine)).only("nope"))
        .hasMessageContaining("broken, fine");
  }

  @Test
  void reportHoldsCommandEnvironmentTableAndChart() {
    String md = Suite.markdown(List.of(FPS), "clipstream benchmark", "2 cores");
    assertThat(md)
        .contains("`clipstream benchmark`", "2 cores", MarkdownTable.HEADER, "performance.png");
  }

  @Test
  void rssParsesProcStatus() {
    String status = "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n";
    assertThat(Rss.parse(status, "VmRSS:")).isEqualTo(102400);
    assertThat(Rss.parse(status, "VmHWM:")).isEqualTo(204800);
    assertThat(Rss.parse(status, "VmSwap:")).isEqualTo(-1);
    if (Files.exists(Path.of("/proc/self/status"))) {
      assertThat(Rss.currentKib()).isPositive();
      assertThat(Rss.peakKib()).isGreaterThanOrEqualTo(Rss.currentKib() / 2);
    }
  }

  private static long countColour(BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
