package io.clipstream.render.detections;

import static io.clipstream.render.detections.Samples.MS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Compares the indexed timeline with a brute-force reading of the rules (every sample scanned for
 * every frame) on random detector output, and checks that query order does not matter.
 */
class DetectionTimelineReferenceTest {

  @RepeatedTest(40)
  void shouldAgreeWithBruteForceReadingOfTheRules(RepetitionInfo repetition) {
    long seed = 1_000 + repetition.getCurrentRepetition();
    Random random = new Random(seed);
    List<DetectionSample> samples = randomSamples(random, 120);
    TimelineOptions options =
        new TimelineOptions(
            random.nextInt(400) * MS,
            random.nextBoolean(),
            random.nextInt(800) * MS,
            random.nextInt(30) * MS);
    DetectionTimeline timeline = DetectionTimeline.of(samples, options);

    for (long t = -100 * MS; t < 13_000 * MS; t += 7 * MS + random.nextInt(40 * (int) MS)) {
      List<String> expected = reference(samples, options, t);
      List<String> actual =
          timeline.frameAt(t, Set.of()).boxes().stream()
              .map(
                  b ->
                      describe(
                          b.origin(),
                          b.box().trackId().orElse(-1),
                          b.box().x1(),
                          b.observedPtsMicros()))
              .toList();
      assertThat(actual).as("seed %d, frame %d us, %s", seed, t, options).isEqualTo(expected);
    }
  }

  @Test
  void shouldAnswerRandomAccessQueriesLikeSequentialOnes() {
    Random random = new Random(7);
    DetectionTimeline timeline =
        DetectionTimeline.of(
            randomSamples(random, 300), new TimelineOptions(300 * MS, true, 600 * MS, 20 * MS));
    List<Long> frames = new ArrayList<>();
    for (long t = 0; t < 30_000 * MS; t += 40 * MS) {
      frames.add(t);
    }
    List<TimelineFrame> sequential =
        frames.stream().map(t -> timeline.frameAt(t, Set.of())).toList();
    List<Long> shuffled = new ArrayList<>(frames);
    Collections.shuffle(shuffled, random);

    for (long t : shuffled) {
      assertThat(timeline.frameAt(t, Set.of())).isEqualTo(sequential.get(frames.indexOf(t)));
    }
  }

  @Test
  void shouldLookUpFramesOfAnHourLongClipQuickly() {
    List<DetectionSample> samples = new ArrayList<>();
    for (long ms = 0; ms < 3_600_000; ms += 100) { // 10 fps detector, 10 tracks, one hour
      List<SourceDetection> detections = new ArrayList<>();
      for (int track = 0; track < 10; track++) {
        detections.add(Samples.track(ms / 60_000 * 10 + track, (ms / 10) % 1000));
      }
      samples.add(new DetectionSample(ms * MS, detections));
    }
    long built = System.nanoTime();
    DetectionTimeline timeline =
        DetectionTimeline.of(samples, new TimelineOptions(500 * MS, true, 1_000 * MS, 20 * MS));
    long queried = System.nanoTime();
    int boxes = 0;
    for (long us = 0; us < 3_600_000 * MS; us += 40 * MS) { // every frame at 25 fps
      boxes += timeline.frameAt(us, Set.of(3L)).boxes().size();
    }
    long done = System.nanoTime();
    System.out.printf(
        "Timeline of %d samples: built in %d ms, %d frames looked up in %d ms (%.1f us/frame)%n",
        timeline.sampleCount(),
        (queried - built) / 1_000_000,
        90_000,
        (done - queried) / 1_000_000,
        (done - queried) / 1000.0 / 90_000);
    assertThat(boxes).isGreaterThanOrEqualTo(90_000 * 10 - 60 * 10 * 5);
  }

  private static List<DetectionSample> randomSamples(Random random, int count) {
    List<DetectionSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long pts = random.nextInt(12_000) * MS + (random.nextBoolean() ? random.nextInt(1000) : 0);
      List<SourceDetection> detections = new ArrayList<>();
      for (int d = random.nextInt(4); d > 0; d--) {
        float x = random.nextInt(500);
        detections.add(
            random.nextInt(4) == 0
                ? Samples.untracked("car", x)
                : Samples.track(random.nextInt(6), x));
      }
      samples.add(new DetectionSample(pts, detections));
    }
    // Duplicates within one sample are merged; keep the reference simple by not generating them.
    samples.replaceAll(
        s ->
            new DetectionSample(
                s.ptsMicros(), s.detections().stream().filter(distinct()).toList()));
    return samples;
  }

  private static Predicate<SourceDetection> distinct() {
    Set<Object> seen = new HashSet<>();
    return d -> seen.add(d.isTracked() ? d.trackId().getAsLong() : d);
  }

  /** The rules of {@link DetectionTimeline}, read literally, over merged samples. */
  private static List<String> reference(List<DetectionSample> raw, TimelineOptions o, long t) {
    List<DetectionSample> samples = merged(raw);
    long tol = o.toleranceMicros();
    long upper = t + Math.max(tol, 1);
    DetectionSample matched = null;
    for (DetectionSample s : samples) {
      if (s.ptsMicros() >= t - tol
          && s.ptsMicros() < upper
          && (matched == null || Math.abs(s.ptsMicros() - t) < Math.abs(matched.ptsMicros() - t))) {
        matched = s;
      }
    }
    List<String> out = new ArrayList<>();
    Set<Long> observedTracks = new TreeSet<>();
    DetectionSample latest = null;
    for (DetectionSample s : samples) {
      latest = s.ptsMicros() < upper ? s : latest;
    }
    if (matched != null) {
      for (SourceDetection d : matched.detections()) {
        out.add(describe(BoxOrigin.OBSERVED, d.trackId().orElse(-1), d.x1(), matched.ptsMicros()));
        d.trackId().ifPresent(observedTracks::add);
      }
    } else if (latest != null && t - latest.ptsMicros() <= o.holdMicros()) {
      for (SourceDetection d : latest.detections()) {
        if (!d.isTracked()) {
          out.add(describe(BoxOrigin.HELD, -1, d.x1(), latest.ptsMicros()));
        }
      }
    }
    for (long track = 0; track < 6; track++) {
      if (observedTracks.contains(track)) {
        continue;
      }
      DetectionSample prev = null;
      DetectionSample next = null;
      for (DetectionSample s : samples) {
        if (find(s, track) != null) {
          if (s.ptsMicros() < upper) {
            prev = s;
          } else if (next == null) {
            next = s;
          }
        }
      }
      if (prev == null) {
        continue;
      }
      SourceDetection p = find(prev, track);
      if (o.interpolate()
          && next != null
          && t > prev.ptsMicros()
          && next.ptsMicros() - prev.ptsMicros() <= o.maxInterpolationGapMicros()) {
        double f = (double) (t - prev.ptsMicros()) / (next.ptsMicros() - prev.ptsMicros());
        float x = (float) (p.x1() + (find(next, track).x1() - p.x1()) * Math.min(1, f));
        out.add(describe(BoxOrigin.INTERPOLATED, track, x, prev.ptsMicros()));
      } else if (t - prev.ptsMicros() <= o.holdMicros()) {
        out.add(describe(BoxOrigin.HELD, track, p.x1(), prev.ptsMicros()));
      }
    }
    List<String> tracked =
        new ArrayList<>(out.stream().filter(s -> !s.contains("track -1")).toList());
    tracked.sort(
        Comparator.comparingLong(s -> Long.parseLong(s.replaceAll(".*track (\\d+).*", "$1"))));
    tracked.addAll(out.stream().filter(s -> s.contains("track -1")).toList());
    return tracked;
  }

  private static List<DetectionSample> merged(List<DetectionSample> raw) {
    List<DetectionSample> sorted = new ArrayList<>(raw);
    sorted.sort(Comparator.comparingLong(DetectionSample::ptsMicros));
    List<DetectionSample> out = new ArrayList<>();
    for (DetectionSample s : sorted) {
      DetectionSample last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.ptsMicros() == s.ptsMicros()) {
        List<SourceDetection> all = new ArrayList<>(last.detections());
        for (SourceDetection d : s.detections()) {
          boolean duplicate =
              all.stream()
                  .anyMatch(e -> d.isTracked() ? e.trackId().equals(d.trackId()) : e.equals(d));
          if (!duplicate) {
            all.add(d);
          } else if (d.isTracked()) {
            SourceDetection existing = find(new DetectionSample(0, all), d.trackId().getAsLong());
            if (d.score() > existing.score()) {
              all.set(all.indexOf(existing), d);
            }
          }
        }
        out.set(out.size() - 1, new DetectionSample(s.ptsMicros(), all));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static SourceDetection find(DetectionSample s, long track) {
    return s.detections().stream()
        .filter(d -> d.isTracked() && d.trackId().getAsLong() == track)
        .findFirst()
        .orElse(null);
  }

  private static String describe(BoxOrigin origin, long track, float x, long observedPts) {
    return String.format("%s track %d x=%.3f from %d", origin, track, x, observedPts);
  }
}
