package io.clipstream.render.detections;

import static io.clipstream.render.detections.Samples.MS;
import static io.clipstream.render.detections.Samples.at;
import static io.clipstream.render.detections.Samples.track;
import static io.clipstream.render.detections.Samples.untracked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.render.overlay.OverlayBox;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionTimelineTest {

  /** 25 fps source: half a frame is 20 ms. */
  private static final TimelineOptions OPTIONS =
      new TimelineOptions(500 * MS, true, 1_000 * MS, 20 * MS);

  @Test
  void shouldMarkDetectionObservedOnFrameNearestItsPts() {
    DetectionTimeline timeline = DetectionTimeline.of(List.of(at(1_000, track(7, 10))), OPTIONS);

    TimelineFrame exact = timeline.frameAt(1_000 * MS, Set.of());
    TimelineFrame jittered = timeline.frameAt(990 * MS, Set.of());

    assertThat(exact.boxes())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.origin()).isEqualTo(BoxOrigin.OBSERVED);
              assertThat(b.box().interpolated()).isFalse();
              assertThat(b.observedPtsMicros()).isEqualTo(1_000 * MS);
            });
    assertThat(exact.matchedSamplePtsMicros()).hasValue(1_000 * MS);
    assertThat(jittered.boxes())
        .singleElement()
        .extracting(TimelineBox::origin)
        .isEqualTo(BoxOrigin.OBSERVED);
  }

  @Test
  void shouldMatchSampleOnHalfFrameBoundaryToTheLaterFrameOnly() {
    DetectionTimeline timeline = DetectionTimeline.of(List.of(at(20, track(7, 10))), OPTIONS);

    assertThat(timeline.frameAt(0, Set.of()).boxes()).isEmpty();
    assertThat(timeline.frameAt(40 * MS, Set.of()).boxes())
        .singleElement()
        .extracting(TimelineBox::origin)
        .isEqualTo(BoxOrigin.OBSERVED);
  }

  @Test
  void shouldNeverShowDetectionBeforeItWasFirstObserved() {
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(1_000, track(7, 10), untracked("car", 300))), OPTIONS);

    for (long frame = 0; frame < 980; frame += 40) {
      assertThat(timeline.boxesAt(frame * MS, Set.of())).as("frame at %d ms", frame).isEmpty();
    }
  }

  @Test
  void shouldInterpolateTrackMidwayBetweenTwoObservations() {
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(0, track(7, 0)), at(200, track(7, 100))), OPTIONS);

    TimelineBox midway = timeline.frameAt(100 * MS, Set.of()).boxes().get(0);
    TimelineBox quarter = timeline.frameAt(50 * MS, Set.of()).boxes().get(0);

    assertThat(midway.origin()).isEqualTo(BoxOrigin.INTERPOLATED);
    assertThat(midway.box().interpolated()).isTrue();
    assertThat(midway.box().x1()).isCloseTo(50f, within(1e-4f));
    assertThat(midway.box().x2()).isCloseTo(150f, within(1e-4f));
    assertThat(midway.box().y1()).isEqualTo(10f);
    assertThat(midway.observedPtsMicros()).isZero();
    assertThat(midway.nextObservedPtsMicros()).hasValue(200 * MS);
    assertThat(quarter.box().x1()).isCloseTo(25f, within(1e-4f));
  }

  @Test
  void shouldInterpolateEvenWithZeroHold() {
    TimelineOptions noHold = new TimelineOptions(0, true, 1_000 * MS, 20 * MS);
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(0, track(7, 0)), at(200, track(7, 100))), noHold);

    assertThat(timeline.boxesAt(120 * MS, Set.of()))
        .singleElement()
        .extracting(OverlayBox::x1)
        .isEqualTo(60f);
  }

  @Test
  void shouldNotInterpolateAcrossGapLongerThanMaxGap() {
    TimelineOptions options = new TimelineOptions(300 * MS, true, 500 * MS, 20 * MS);
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(0, track(7, 0)), at(2_000, track(7, 400))), options);

    assertThat(timeline.frameAt(200 * MS, Set.of()).boxes())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.origin()).isEqualTo(BoxOrigin.HELD);
              assertThat(b.box().x1()).isZero();
            });
    assertThat(timeline.boxesAt(400 * MS, Set.of())).as("hold expired").isEmpty();
    assertThat(timeline.boxesAt(1_960 * MS, Set.of()))
        .as("not shown before it re-appears")
        .isEmpty();
    assertThat(timeline.frameAt(2_000 * MS, Set.of()).boxes())
        .singleElement()
        .extracting(TimelineBox::origin)
        .isEqualTo(BoxOrigin.OBSERVED);
  }

  @Test
  void shouldHoldTrackWithoutLaterObservationUntilHoldTime() {
    DetectionTimeline timeline = DetectionTimeline.of(List.of(at(0, track(7, 10))), OPTIONS);

    assertThat(timeline.frameAt(480 * MS, Set.of()).boxes())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.origin()).isEqualTo(BoxOrigin.HELD);
              assertThat(b.box().interpolated()).isTrue();
            });
    assertThat(timeline.boxesAt(500 * MS, Set.of())).as("hold is inclusive").hasSize(1);
  }

  @Test
  void shouldStopHoldingDetectionAfterHoldTime() {
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(0, track(7, 10), untracked("car", 300))), OPTIONS);

    assertThat(timeline.boxesAt(480 * MS, Set.of())).hasSize(2);
    assertThat(timeline.boxesAt(520 * MS, Set.of())).isEmpty();
  }

  @Test
  void shouldHoldInsteadOfInterpolatingWhenInterpolationIsOff() {
    TimelineOptions options = new TimelineOptions(500 * MS, false, 1_000 * MS, 20 * MS);
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(0, track(7, 0)), at(200, track(7, 100))), options);

    assertThat(timeline.frameAt(120 * MS, Set.of()).boxes())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.origin()).isEqualTo(BoxOrigin.HELD);
              assertThat(b.box().x1()).isZero();
            });
  }

  @Test
  void shouldReplaceUntrackedBoxesWithThoseOfTheLatestSample() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(at(0, untracked("car", 0)), at(100, untracked("car", 50))), OPTIONS);

    assertThat(timeline.frameAt(160 * MS, Set.of()).boxes())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.origin()).isEqualTo(BoxOrigin.HELD);
              assertThat(b.box().x1()).isEqualTo(50f);
              assertThat(b.observedPtsMicros()).isEqualTo(100 * MS);
            });
  }

  @Test
  void shouldClearUntrackedBoxesWhenTheDetectorFoundNothing() {
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(0, untracked("car", 0)), at(100)), OPTIONS);

    assertThat(timeline.boxesAt(60 * MS, Set.of())).hasSize(1);
    assertThat(timeline.frameAt(100 * MS, Set.of()).matchedSamplePtsMicros()).hasValue(100 * MS);
    assertThat(timeline.boxesAt(100 * MS, Set.of())).isEmpty();
    assertThat(timeline.boxesAt(160 * MS, Set.of())).isEmpty();
  }

  @Test
  void shouldKeepHoldingTrackWhenALaterSampleLacksIt() {
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(0, track(1, 0)), at(100, track(2, 300))), OPTIONS);

    List<TimelineBox> boxes = timeline.frameAt(160 * MS, Set.of()).boxes();

    assertThat(boxes).extracting(b -> b.box().trackId().getAsLong()).containsExactly(1L, 2L);
    assertThat(boxes).extracting(TimelineBox::origin).containsOnly(BoxOrigin.HELD);
  }

  @Test
  void shouldMarkOnlyFocusTracksAsFocus() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(at(0, track(7, 0), track(8, 200), untracked("car", 400))), OPTIONS);

    List<OverlayBox> boxes = timeline.boxesAt(0, Set.of(7L));

    assertThat(boxes).extracting(OverlayBox::focus).containsExactly(true, false, false);
  }

  @Test
  void shouldOrderTrackedBoxesByTrackIdThenUntracked() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(at(0, track(9, 0), track(3, 0)), at(40, untracked("car", 0), track(5, 0))),
            OPTIONS);

    assertThat(timeline.boxesAt(40 * MS, Set.of()))
        .extracting(b -> b.trackId())
        .containsExactly(
            OptionalLong.of(3), OptionalLong.of(5), OptionalLong.of(9), OptionalLong.empty());
  }

  @Test
  void shouldPreferNearestSampleWhenSeveralFallWithinTolerance() {
    DetectionTimeline timeline =
        DetectionTimeline.of(
            List.of(
                at(95, track(7, 0), untracked("car", 0)),
                at(108, track(7, 30), untracked("car", 30))),
            OPTIONS);

    TimelineFrame frame = timeline.frameAt(100 * MS, Set.of());

    assertThat(frame.matchedSamplePtsMicros()).hasValue(95 * MS);
    assertThat(frame.boxes())
        .hasSize(2)
        .allSatisfy(
            b -> {
              assertThat(b.origin()).isEqualTo(BoxOrigin.OBSERVED);
              assertThat(b.box().x1()).isZero();
            });
  }

  @Test
  void shouldMatchOnlyExactPtsWithZeroTolerance() {
    DetectionTimeline timeline =
        DetectionTimeline.of(List.of(at(100, track(7, 0))), OPTIONS.withToleranceMicros(0));

    assertThat(timeline.frameAt(100 * MS, Set.of()).boxes().get(0).origin())
        .isEqualTo(BoxOrigin.OBSERVED);
    assertThat(timeline.frameAt(100 * MS - 1, Set.of()).boxes()).isEmpty();
    assertThat(timeline.frameAt(100 * MS + 1, Set.of()).boxes().get(0).origin())
        .isEqualTo(BoxOrigin.HELD);
  }

  @Test
  void shouldUsePerQueryToleranceForVariableFrameRates() {
    DetectionTimeline timeline = DetectionTimeline.of(List.of(at(130, track(7, 0))), OPTIONS);

    assertThat(timeline.frameAt(100 * MS, 40 * MS, Set.of()).boxes())
        .singleElement()
        .extracting(TimelineBox::origin)
        .isEqualTo(BoxOrigin.OBSERVED);
    assertThat(timeline.frameAt(100 * MS, 20 * MS, Set.of()).boxes()).isEmpty();
  }

  @Test
  void shouldReturnNoBoxesForAnEmptyTimeline() {
    assertThat(DetectionTimeline.of(List.of(), OPTIONS).boxesAt(0, Set.of())).isEmpty();
    assertThat(DetectionTimeline.of(null, OPTIONS).boxesAt(Long.MAX_VALUE, null)).isEmpty();
  }
}
