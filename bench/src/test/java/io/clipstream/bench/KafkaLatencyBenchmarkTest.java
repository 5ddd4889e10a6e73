package io.clipstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class KafkaLatencyBenchmarkTest {

  private static final Path FOOTAGE =
      Path.of("..", "samples", "footage", "one-by-one-person-detection.mp4");

  @Test
  void scheduleStaggersCamerasAcrossOneIntervalForTheRunLength() {
    List<PipelineRig.Scheduled> s =
        KafkaLatencyBenchmark.schedule(new KafkaLatencyBenchmark.Profile(4, 15_000, 120_000, true));
    assertThat(s).hasSize(32);
    assertThat(s.subList(0, 5))
        .extracting(PipelineRig.Scheduled::offsetMs)
        .containsExactly(0L, 3_750L, 7_500L, 11_250L, 15_000L);
    assertThat(s).isSortedAccordingTo((a, b) -> Long.compare(a.offsetMs(), b.offsetMs()));
  }

  @Test
  void percentileIsNearestRank() {
    List<Double> v = List.of(1.0, 2.0, 3.0, 4.0);
    assertThat(Stats.percentile(v, 50)).isEqualTo(2.0);
    assertThat(Stats.percentile(v, 99)).isEqualTo(4.0);
  }

  /**
   * The default profile (about 7 minutes: the product's default waits, then the tuned ones): {@code
   * -Dclipstream.bench.kafka.full=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "clipstream.bench.kafka.full", matches = "true")
  @Timeout(value = 900, unit = TimeUnit.SECONDS)
  void measuresTheDefaultRateWithTheDefaultAndTheTunedWaits(@TempDir Path work) throws Exception {
    StringWriter console = new StringWriter();
    BenchContext context =
        new BenchContext(work, FOOTAGE, 1, false, new PrintWriter(console, true));
    List<BenchRow> rows = new KafkaLatencyBenchmark().run(context);
    System.out.println(console);
    rows.forEach(System.out::println);
    assertThat(rows)
        .extracting(BenchRow::name)
        .containsExactly(
            "kafka, default waits: event close -> clip-ready p50",
            "kafka, default waits: event close -> clip-ready p99",
            "kafka: event close -> clip-ready p50",
            "kafka: event close -> clip-ready p99");
    assertThat(rows).allSatisfy(row -> assertThat(row.note()).contains("0 failed, 0 missing"));
    // The default waits: post-roll 5 s + grace 10 s of planner time before a clip is planned.
    assertThat(rows.get(0).referenceValue()).isEqualTo(15.0);
    assertThat(rows.get(0).clipstreamValue()).isGreaterThanOrEqualTo(14.5);
    assertThat(rows.get(2).referenceValue()).isEqualTo(4.0);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void measuresEventCloseToClipReadyThroughKafka(@TempDir Path work) throws Exception {
    StringWriter console = new StringWriter();
    BenchContext context = new BenchContext(work, FOOTAGE, 1, true, new PrintWriter(console, true));

    List<BenchRow> rows = new KafkaLatencyBenchmark().run(context);
    rows.forEach(System.out::println);

    assertThat(rows)
        .extracting(BenchRow::name)
        .containsExactly(
            "kafka: event close -> clip-ready p50", "kafka: event close -> clip-ready p99");
    for (BenchRow row : rows) {
      assertThat(row.clipstreamValue()).as(row.toString()).isPositive();
      assertThat(row.referenceValue()).isEqualTo(4.0);
      assertThat(row.unit()).isEqualTo("s");
      assertThat(row.higherIsBetter()).isFalse();
      assertThat(row.note()).contains("0 failed, 0 missing");
    }
    assertThat(rows.get(1).clipstreamValue()).isGreaterThanOrEqualTo(rows.get(0).clipstreamValue());
    // The planner cannot plan before end + postroll + grace of planner time.
    assertThat(rows.get(0).clipstreamValue()).isGreaterThanOrEqualTo(3.5);
  }
}
