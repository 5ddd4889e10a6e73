package io.clipstream.render.detections;

import static io.clipstream.render.detections.Samples.MS;
import static io.clipstream.render.detections.Samples.at;
import static io.clipstream.render.detections.Samples.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.render.overlay.OverlayBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionTimelineBadDataTest {

  private static final TimelineOptions OPTIONS =
      new TimelineOptions(500 * MS, true, 1_000 * MS, 20 * MS);

  @Test
  void shouldDropDetectionsWithNonFiniteCoordinates() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(
                at(
                    0,
                    SourceDetection.tracked(Float.NaN, 0, 10, 10, "person", 1, 0.9f),
                    SourceDetection.tracked(0, 0, Float.POSITIVE_INFINITY, 10, "person", 2, 0.9f),
                    track(3, 10))),
            OPTIONS);

    assertThat(timeline.boxesAt(0, Set.of()))
        .extracting(b -> b.trackId().getAsLong())
        .containsExactly(3L);
    assertThat(timeline.droppedDetections()).isEqualTo(2);
  }

  @Test
  void shouldClampCoordinatesToTheSourceFrameAndDropBoxesEntirelyOutside() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(
                at(
                    0,
                    SourceDetection.tracked(-50, -20, 100, 100, "person", 1, 0.9f),
                    SourceDetection.tracked(1800, 1000, 1e20f, 5000, "person", 2, 0.9f),
                    SourceDetection.tracked(2000, 10, 2100, 100, "person", 3, 0.9f))),
            OPTIONS,
            1920,
            1080);

    List<OverlayBox> boxes = timeline.boxesAt(0, Set.of());

    assertThat(boxes).hasSize(2);
    assertThat(boxes.get(0))
        .extracting(OverlayBox::x1, OverlayBox::y1, OverlayBox::x2, OverlayBox::y2)
        .containsExactly(0f, 0f, 100f, 100f);
    assertThat(boxes.get(1))
        .extracting(OverlayBox::x1, OverlayBox::y1, OverlayBox::x2, OverlayBox::y2)
        .containsExactly(1800f, 1000f, 1920f, 1080f);
    assertThat(timeline.droppedDetections()).isEqualTo(1);
  }

  @Test
  void shouldClampHugeCoordinatesWhenFrameSizeIsUnknown() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(at(0, SourceDetection.tracked(10, 10, 1e30f, 1e30f, "person", 1, 0.9f))),
            OPTIONS);

    assertThat(timeline.boxesAt(0, Set.of()))
        .singleElement()
        .extracting(OverlayBox::x2)
        .isEqualTo(DetectionSanitizer.MAX_COORDINATE);
  }

  @Test
  void shouldSwapInvertedCorners() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(at(0, SourceDetection.tracked(100, 120, 10, 20, "person", 1, 0.9f))), OPTIONS);

    assertThat(timeline.boxesAt(0, Set.of()))
        .singleElement()
        .extracting(OverlayBox::x1, OverlayBox::y1, OverlayBox::x2, OverlayBox::y2)
        .containsExactly(10f, 20f, 100f, 120f);
  }

  @Test
  void shouldClampScoresAndFillInMissingLabels() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(
                at(
                    0,
                    SourceDetection.tracked(0, 0, 10, 10, null, 1, 1.5f),
                    SourceDetection.tracked(0, 0, 10, 10, " ", 2, -0.5f),
                    SourceDetection.tracked(0, 0, 10, 10, "car", 3, Float.NaN))),
            OPTIONS);

    List<OverlayBox> boxes = timeline.boxesAt(0, Set.of());

    assertThat(boxes).extracting(OverlayBox::score).containsExactly(1f, 0f, 0f);
    assertThat(boxes).extracting(OverlayBox::label).containsExactly("object", "object", "car");
  }

  @Test
  void shouldTreatNegativeTrackIdsAndNullOptionalsAsUntracked() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(
                at(
                    0,
                    new SourceDetection(
                        0, 0, 10, 10, "person", OptionalLong.of(-1), 0.5f, OptionalInt.empty()),
                    new SourceDetection(20, 0, 30, 10, "person", null, 0.5f, null))),
            OPTIONS);

    assertThat(timeline.boxesAt(0, Set.of()))
        .hasSize(2)
        .allSatisfy(
            b -> {
              assertThat(b.trackId()).isEmpty();
              assertThat(b.color()).isEmpty();
            });
  }

  @Test
  void shouldSortSamplesGivenOutOfOrder() {
    List<DetectionSample> ordered =
        List.of(at(0, track(7, 0)), at(200, track(7, 100)), at(400, track(7, 300)));
    List<DetectionSample> shuffled = List.of(ordered.get(2), ordered.get(0), ordered.get(1));

    DetectionTimeline a = DetectionTimeline.of(ordered, OPTIONS);
    DetectionTimeline b = DetectionTimeline.of(shuffled, OPTIONS);

    for (long frame = 0; frame <= 1_000; frame += 40) {
      assertThat(b.frameAt(frame * MS, Set.of())).isEqualTo(a.frameAt(frame * MS, Set.of()));
    }
    assertThat(b.boxesAt(100 * MS, Set.of()))
        .singleElement()
        .extracting(OverlayBox::x1)
        .isEqualTo(50f);
  }

  @Test
  void shouldMergeSamplesWithDuplicatePtsKeepingOneBoxPerTrack() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(
                at(0, track(1, 0), SourceDetection.untracked(5, 5, 50, 50, "car", 0.5f)),
                at(
                    0,
                    track(2, 200),
                    SourceDetection.untracked(5, 5, 50, 50, "car", 0.5f),
                    SourceDetection.tracked(10, 10, 110, 110, "person", 1, 0.95f))),
            OPTIONS);

    List<OverlayBox> boxes = timeline.boxesAt(0, Set.of());

    assertThat(timeline.sampleCount()).isEqualTo(1);
    assertThat(boxes)
        .extracting(OverlayBox::trackId)
        .containsExactly(OptionalLong.of(1), OptionalLong.of(2), OptionalLong.empty());
    assertThat(boxes.get(0).score()).as("the more confident duplicate of track 1").isEqualTo(0.95f);
    assertThat(timeline.droppedDetections()).isEqualTo(2);
  }

  @Test
  void shouldIgnoreNullSamplesNullDetectionsAndAbsurdTimestamps() {
    List<DetectionSample> samples =
        new ArrayList<>(
            Arrays.asList(
                null,
                new DetectionSample(0, null),
                new DetectionSample(Long.MAX_VALUE, List.of(track(1, 0))),
                new DetectionSample(40 * MS, Arrays.asList(null, track(2, 0)))));

    DetectionTimeline timeline = DetectionTimeline.of(samples, OPTIONS);

    assertThat(timeline.sampleCount()).isEqualTo(2);
    assertThat(timeline.boxesAt(40 * MS, Set.of())).hasSize(1);
    assertThat(timeline.boxesAt(Long.MIN_VALUE, Set.of())).isEmpty();
    assertThat(timeline.boxesAt(Long.MAX_VALUE, Set.of())).isEmpty();
  }

  @Test
  void shouldRejectNegativeDurationsInOptions() {
    assertThatThrownBy(() -> new TimelineOptions(-1, true, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holdMicros");
    assertThatThrownBy(() -> new TimelineOptions(0, true, 0, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toleranceMicros");
  }

  @Test
  void shouldDeriveToleranceFromFrameRate() {
    assertThat(TimelineOptions.halfFrameMicros(25)).isEqualTo(20_000);
    assertThat(TimelineOptions.halfFrameMicros(30_000.0 / 1001)).isEqualTo(16_683);
    assertThat(TimelineOptions.halfFrameMicros(0)).isZero();
    assertThat(new TimelineOptions(Long.MAX_VALUE, true, Long.MAX_VALUE).holdMicros())
        .isEqualTo(TimelineOptions.FOREVER);
  }
}
