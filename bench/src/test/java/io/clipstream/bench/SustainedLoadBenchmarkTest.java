package io.clipstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.clipstream.contracts.Detection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SustainedLoadBenchmarkTest {

  private static final Path FOOTAGE =
      Path.of("..", "samples", "footage", "one-by-one-person-detection.mp4");

  private static final LagRule.Limits LIMITS = new LagRule.Limits("queue", 5, 1);

  /** Samples every {@code step} s over {@code seconds}, of {@code f(t)}. */
  private static List<LagRule.Point> series(double seconds, double step, DoubleUnaryOperator f) {
    List<LagRule.Point> out = new ArrayList<>();
    for (double t = 0; t <= seconds + 1e-9; t += step) {
      out.add(new LagRule.Point(t, f.applyAsDouble(t)));
    }
    return out;
  }

  @Test
  void trendIsTheLeastSquaresLineAndTheFinalLevelTheMeanOfTheLastThreeSamples() {
    LagRule.Trend t = LagRule.trend(series(10, 1, x -> 2 * x + 3));
    assertThat(t.slopePerSecond()).isCloseTo(2.0, offset(1e-9));
    assertThat(t.rise()).isCloseTo(20.0, offset(1e-9));
    assertThat(t.finalLevel()).isCloseTo(21.0, offset(1e-9));
    assertThat(t.max()).isEqualTo(23.0);
    assertThat(t.samples()).isEqualTo(11);
  }

  @Test
  void jitterAroundASmallLevelIsBounded() {
    // 0, 0.8, 0, 0.8, ...: a commit interval's worth of lag, no growth.
    List<LagRule.Point> p = series(300, 5, t -> ((int) (t / 5)) % 2 == 0 ? 0 : 0.8);
    LagRule.Verdict v = LagRule.judgeLastThird(p, 300, LIMITS);
    assertThat(v.bounded()).as(v.reason()).isTrue();
    assertThat(v.trend().samples()).isEqualTo(21);
  }

  @Test
  void aSlowSteadyGrowthIsUnboundedEvenWhileStillSmall() {
    // 1 % short of the offered input: +0.01 s of input per second, 1 s over the last 100 s.
    List<LagRule.Point> p = series(300, 5, t -> 0.011 * t);
    LagRule.Verdict v = LagRule.judgeLastThird(p, 300, LIMITS);
    assertThat(v.bounded()).isFalse();
    assertThat(v.reason()).endsWith(": growing");
    assertThat(v.trend().finalLevel()).isLessThan(LIMITS.bound());
  }

  @Test
  void aFlatButHighQueueIsUnbounded() {
    LagRule.Verdict v = LagRule.judgeLastThird(series(300, 5, t -> 40), 300, LIMITS);
    assertThat(v.bounded()).isFalse();
    assertThat(v.reason()).endsWith(": high");
  }

  @Test
  void onlyTheLastThirdIsJudged() {
    // A start-up spike that drains in the first two thirds does not count.
    List<LagRule.Point> p = series(300, 5, t -> t < 150 ? 30 - t / 5 : 0.2);
    assertThat(LagRule.judgeLastThird(p, 300, LIMITS).bounded()).isTrue();
    // Samples after the run (the drain) do not count either.
    List<LagRule.Point> withDrain = new ArrayList<>(p);
    withDrain.add(new LagRule.Point(320, 100));
    assertThat(LagRule.judgeLastThird(withDrain, 300, LIMITS).bounded()).isTrue();
  }

  @Test
  void tooFewSamplesAreNotJudgedBounded() {
    LagRule.Verdict v = LagRule.judgeLastThird(series(30, 10, t -> 0), 30, LIMITS);
    assertThat(v.bounded()).isFalse();
    assertThat(v.trend()).isNull();
    assertThat(v.reason()).contains("only 2 samples");
  }

  @Test
  void limitsMustNotBeNegative() {
    assertThatThrownBy(() -> new LagRule.Limits("q", -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRenderQueueBoundIsTenSecondsOfClipsAndAtLeastFour() {
    assertThat(SustainedLoadBenchmark.renderLimits(8).bound()).isEqualTo(4);
    assertThat(SustainedLoadBenchmark.renderLimits(64).bound()).isEqualTo(11);
    assertThat(SustainedLoadBenchmark.inputRecordsPerSecond(6)).isCloseTo(66.1, within());
  }

  private static Offset<Double> within() {
    return offset(0.01);
  }

  @Test
  void sweepDefaultsAndQuickProfile() {
    SustainedLoadBenchmark.Sweep d = SustainedLoadBenchmark.Sweep.of(null, null, false);
    assertThat(d).isEqualTo(SustainedLoadBenchmark.Sweep.DEFAULT);
    assertThat(d.runMs()).isEqualTo(300_000);
    assertThat(d.sampleMs()).isEqualTo(5_000);
    SustainedLoadBenchmark.Sweep q = SustainedLoadBenchmark.Sweep.of(null, null, true);
    assertThat(q).isEqualTo(SustainedLoadBenchmark.Sweep.QUICK);
    assertThat(q.warmUp()).isFalse();
    assertThat(q.sampleMs()).isEqualTo(1_000);
  }

  @Test
  void sweepParsesCameraCountsSortedWithoutDuplicatesAndMinutes() {
    SustainedLoadBenchmark.Sweep s = SustainedLoadBenchmark.Sweep.of(" 12, 4,8,8,", 1.5, false);
    assertThat(s.cameras()).containsExactly(4, 8, 12);
    assertThat(s.runMs()).isEqualTo(90_000);
    assertThat(s.warmUp()).isTrue();
    assertThat(SustainedLoadBenchmark.Sweep.of("1,2", null, true).runMs()).isEqualTo(30_000);
  }

  @Test
  void sweepRefusesBadValues() {
    for (String cameras : List.of("a,b", "0,2", "", "2,1001")) {
      assertThatThrownBy(() -> SustainedLoadBenchmark.Sweep.of(cameras, null, false))
          .as(cameras)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> SustainedLoadBenchmark.Sweep.of("2", 0.2, false))
        .hasMessageContaining("between 0.5 and 240 minutes");
    assertThatThrownBy(() -> SustainedLoadBenchmark.Sweep.of("2", Double.NaN, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SustainedLoadBenchmark.Sweep(List.of(4, 2), 60_000, false))
        .hasMessageContaining("ascending");
  }

  @Test
  void eachCameraGetsOneEventAMinuteStaggeredAndInsideTheRun() {
    List<PipelineRig.Scheduled> s = SustainedLoadBenchmark.schedule(4, 300_000);
    assertThat(s).hasSize(20);
    assertThat(s.subList(0, 5))
        .extracting(PipelineRig.Scheduled::offsetMs)
        .containsExactly(6_000L, 21_000L, 36_000L, 51_000L, 66_000L);
    assertThat(s)
        .allSatisfy(
            e -> assertThat(e.offsetMs()).isBetween(SustainedLoadBenchmark.LEAD_MS, 300_000L - 1));
    assertThat(s.stream().filter(e -> e.camera() == 3)).hasSize(5);
  }

  @Test
  void theDetectorDrawsAWalkingPersonAlwaysAndACarTwoThirdsOfTheTime() {
    int withCar = 0;
    int frames = 0;
    for (long t = 0; t < 60_000; t += LoadGenerator.FRAME_MS) {
      List<Detection> d = LoadGenerator.detections(3, t);
      frames++;
      assertThat(d.get(0).getTrackId()).isEqualTo(LoadGenerator.PERSON_TRACK);
      for (Detection x : d) {
        assertThat(x.getBox().getX1()).isGreaterThanOrEqualTo(0);
        assertThat(x.getBox().getX2()).isLessThanOrEqualTo(PipelineRig.WIDTH);
        assertThat(x.getBox().getY2()).isLessThanOrEqualTo(PipelineRig.HEIGHT);
      }
      withCar += d.size() == 2 ? 1 : 0;
    }
    assertThat(withCar / (double) frames).isCloseTo(2 / 3.0, offset(0.02));
    assertThat(LoadGenerator.detections(0, 0).get(0).getBox().getX1())
        .isNotEqualTo(LoadGenerator.detections(0, 5_000).get(0).getBox().getX1());
  }

  @Test
  void sustainedLoadRunsOnlyWhenNamed() {
    assertThat(Suite.all().only(null).benchmarks())
        .extracting(Benchmark::name)
        .doesNotContain(SustainedLoadBenchmark.NAME)
        .contains("kafka latency");
    assertThat(Suite.all().only("Sustained Load").benchmarks())
        .extracting(Benchmark::name)
        .containsExactly(SustainedLoadBenchmark.NAME);
  }

  @Test
  void reportSectionsFollowTheTable() {
    String md =
        Suite.markdown(List.of(), "clipstream benchmark", "2 cores", List.of("## Section\n", " "));
    assertThat(md).endsWith("(performance.png)\n\n## Section\n");
  }

  @Test
  void sweepOptionsAreBadInputsWhenMalformedOrWithoutTheSustainedLoad(@TempDir Path out) {
    assertThat(execute(out, "--cameras", "2,x", "--only", "sustained load"))
        .contains("--cameras takes camera counts");
    assertThat(execute(out, "--minutes", "0.1", "--only", "sustained load"))
        .contains("between 0.5 and 240 minutes");
    assertThat(execute(out, "--cameras", "2", "--only", "stream copy"))
        .contains("add --only \"sustained load\"");
  }

  /** Runs {@code benchmark ARGS}, expects exit 2 and returns stderr. */
  private static String execute(Path out, String... args) {
    StringWriter stderr = new StringWriter();
    CommandLine cli = BenchMain.newCommandLine();
    cli.setErr(new PrintWriter(stderr));
    cli.setOut(new PrintWriter(new StringWriter()));
    List<String> all = new ArrayList<>(List.of("benchmark", "--footage", FOOTAGE.toString()));
    all.addAll(List.of(args));
    all.addAll(List.of("--out", out.toString()));
    int code = cli.execute(all.toArray(String[]::new));
    assertThat(code).as(stderr.toString()).isEqualTo(2);
    return stderr.toString();
  }
}
