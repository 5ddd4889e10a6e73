package io.clipstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sustained-load sweep's CI profile ({@code --quick}: 2 and 4 cameras, 30 s each) end to end on
 * the real pipeline. Two cameras are far below what two cores render, so their step must hold:
 * every clip out and both queues bounded. The full sweep is the documented command in
 * docs/reliability.md.
 */
class SustainedLoadIT {

  private static final Path FOOTAGE =
      Path.of("..", "samples", "footage", "one-by-one-person-detection.mp4");

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void quickSweepHoldsTwoCamerasWithEveryClipAndBoundedLag(@TempDir Path work) throws Exception {
    StringWriter console = new StringWriter();
    BenchContext context = new BenchContext(work, FOOTAGE, 1, true, new PrintWriter(console, true));
    SustainedLoadBenchmark bench = new SustainedLoadBenchmark();
    List<BenchRow> rows = bench.run(context);
    System.out.println(console);
    rows.forEach(System.out::println);
    assertThat(rows.get(rows.size() - 1).name())
        .isEqualTo("sustained load: largest N with bounded lag");
    assertThat(console.toString()).contains("| cameras |");
    // The step's row: 2 cameras, 20 detections/s, 2 events/min, every clip, bounded.
    assertThat(bench.report()).containsPattern("\\| 2 \\| 20 \\| 2 \\| (\\d+)/\\1 \\| 0 \\|");
    assertThat(bench.report()).containsPattern("(?m)^\\| 2 \\| .*\\| yes \\|");
    Path out = Files.createDirectories(Path.of("target", "reliability"));
    Files.writeString(out.resolve("sustained-load-quick.md"), bench.report());
  }
}
