package io.clipstream.planner;

import static io.clipstream.planner.PlannerFixture.CAM;
import static io.clipstream.planner.PlannerFixture.T0;
import static io.clipstream.planner.PlannerFixture.closed;
import static io.clipstream.planner.PlannerFixture.frame;
import static io.clipstream.planner.PlannerFixture.open;
import static io.clipstream.planner.PlannerFixture.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.contracts.ClipFailed;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.FailureReason;
import io.clipstream.contracts.FrameDetections;
import io.clipstream.contracts.Point;
import io.clipstream.contracts.Redaction;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.RenderOptions;
import io.clipstream.contracts.SourceClip;
import io.clipstream.contracts.TimeRange;
import io.clipstream.contracts.Zone;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The planner's rules, proven with TopologyTestDriver and mock:// serdes (no broker). */
class PlannerTopologyTest {

  private static Instant at(long offsetMs) {
    return Instant.ofEpochMilli(T0 + offsetMs);
  }

  private static List<Long> localTimes(SourceClip source) {
    return source.getDetections().stream().map(FrameDetections::getLocalTimeMs).toList();
  }

  @Test
  void shouldEmitOneCommandWithLocalRangesWhenTheWindowSpansTwoSegments() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -10_000, 10_000));
      p.event(open(CAM, "ev-1", 2_000));
      p.event(closed(CAM, "ev-1", 2_000, 12_000)); // window [-3 s, 17 s)
      p.segment(segment(CAM, "file:///nvr/b.mp4", 10_000, 20_000));
      p.detectionsEverySecond(CAM, -5_000, 26_000);
      assertThat(p.commands.isEmpty()).as("grace runs until 17 s + 10 s").isTrue();
      p.detection(frame(CAM, 27_000, 1L));

      TestRecord<String, RenderCommand> out = p.commands.readRecord();
      RenderCommand c = out.value();
      assertThat(out.key()).isEqualTo(CAM);
      assertThat(c.getWindow()).isEqualTo(new TimeRange(at(-3_000), at(17_000)));
      assertThat(c.getSources())
          .extracting(SourceClip::getUri)
          .containsExactly("file:///nvr/a.mp4", "file:///nvr/b.mp4");
      SourceClip a = c.getSources().get(0);
      SourceClip b = c.getSources().get(1);
      assertThat(
              List.of(a.getLocalFromMs(), a.getLocalToMs(), b.getLocalFromMs(), b.getLocalToMs()))
          .containsExactly(7_000L, 20_000L, 0L, 7_000L);
      assertThat(localTimes(a))
          .first()
          .isEqualTo(7_000L); // capture -3 s in a file starting at -10 s
      assertThat(localTimes(a)).hasSize(13).last().isEqualTo(19_000L);
      assertThat(localTimes(b)).containsExactly(0L, 1_000L, 2_000L, 3_000L, 4_000L, 5_000L, 6_000L);
      assertThat(c.getGaps()).isEmpty();
      assertThat(c.getAutoClosed()).isFalse();
      assertThat(c.getOptions().getPreRollMs()).isEqualTo(5_000L);
      assertThat(c.getOutput().getKey()).isEqualTo("cam-1/2024/05/24/ev-1/" + c.getClipId());
      assertThat(c.getRequestedAt()).isEqualTo(at(27_000));
      assertThat(out.timestamp())
          .as("stamped with the wall clock of writing, not event time, so retention keeps it")
          .isEqualTo(T0);
      assertThat(p.commands.isEmpty()).isTrue();
      assertThat(p.failures.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldIncludeLateDetectionsWithinTheGraceButNotAfterTheCommand() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000)); // window [-5 s, 10 s), grace until 20 s
      p.advanceStreamTimeTo(16_000);
      p.detection(frame(CAM, 4_000, 1L)); // 11 s late, inside the grace
      p.advanceStreamTimeTo(20_000);
      p.detection(frame(CAM, 6_000, 1L)); // after the command: beyond the grace

      List<RenderCommand> out = p.commands.readValuesToList();
      assertThat(out).hasSize(1);
      assertThat(localTimes(out.get(0).getSources().get(0))).containsExactly(64_000L);
    }
  }

  @Test
  void shouldNameTheDetectorModelsOfTheFramesTheClipShowsForItsContentCredentials() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000)); // window [-5 s, 10 s)
      p.detection(withModel(frame(CAM, -20_000, 1L), "old-model")); // before the window
      p.detection(withModel(frame(CAM, 1_000, 1L), "yolov8n-coco-8.1"));
      p.detection(withModel(frame(CAM, 2_000, 1L), "bytetrack-0.4"));
      p.detection(withModel(frame(CAM, 3_000, 1L), "yolov8n-coco-8.1"));
      p.detection(frame(CAM, 4_000, 1L)); // no model named
      p.advanceStreamTimeTo(21_000);

      List<RenderCommand> out = p.commands.readValuesToList();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).getDetectorModels())
          .containsExactly("yolov8n-coco-8.1", "bytetrack-0.4");
    }
  }

  private static io.clipstream.contracts.DetectionFrame withModel(
      io.clipstream.contracts.DetectionFrame f, String model) {
    return io.clipstream.contracts.DetectionFrame.newBuilder(f).setModel(model).build();
  }

  @Test
  void shouldWaitForALateSegmentWithinTheSegmentWait() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.advanceStreamTimeTo(40_000);
      assertThat(p.commands.isEmpty()).isTrue();
      p.segment(segment(CAM, "file:///nvr/late.mp4", -10_000, 41_000));
      p.advanceStreamTimeTo(42_000);
      RenderCommand c = p.commands.readValue();
      assertThat(c.getGaps()).isEmpty();
      assertThat(c.getSources()).hasSize(1);
    }
  }

  @Test
  void shouldReportTheGapWhenASegmentIsStillMissingAfterTheSegmentWait() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -10_000, 0));
      p.segment(segment(CAM, "file:///nvr/c.mp4", 4_000, 20_000));
      p.event(closed(CAM, "ev-1", 0, 5_000)); // window [-5 s, 10 s), wait until 70 s
      p.advanceStreamTimeTo(69_000);
      assertThat(p.commands.isEmpty()).isTrue();
      p.advanceStreamTimeTo(70_000);
      RenderCommand c = p.commands.readValue();
      assertThat(c.getGaps()).containsExactly(new TimeRange(at(0), at(4_000)));
      assertThat(c.getSources()).hasSize(2);
    }
  }

  @Test
  void shouldFailWithNoRecordingWhenNothingCoversTheWindow() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/old.mp4", -600_000, -300_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.advanceStreamTimeTo(70_000);
      assertThat(p.commands.isEmpty()).isTrue();
      TestRecord<String, ClipFailed> failed = p.failures.readRecord();
      assertThat(failed.key()).isEqualTo("ev-1");
      assertThat(failed.value().getReason()).isEqualTo(FailureReason.NO_RECORDING);
      assertThat(failed.value().getMessage())
          .contains("cam-1", "cv.segments")
          .contains("covers the window [2024-05-24T05:52:55Z, 2024-05-24T05:53:10Z)")
          .doesNotContain("epoch seconds");
      assertThat(failed.value().getStage()).isEqualTo("planner");
    }
  }

  @Test
  void shouldAutoCloseAndFlagAnEventThatNeverCloses() {
    PlannerSettings settings =
        PlannerSettings.builder().maxEventDuration(Duration.ofSeconds(30)).build();
    try (PlannerFixture p = new PlannerFixture(settings)) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 40_000));
      p.event(open(CAM, "ev-open", 0));
      p.detectionsEverySecond(CAM, 0, 44_000);
      assertThat(p.commands.isEmpty()).as("closed at 30 s, window to 35 s, grace to 45 s").isTrue();
      p.advanceStreamTimeTo(45_000);
      RenderCommand c = p.commands.readValue();
      assertThat(c.getAutoClosed()).isTrue();
      assertThat(c.getEvent().getEnd()).isEqualTo(at(30_000));
      assertThat(c.getWindow()).isEqualTo(new TimeRange(at(-5_000), at(35_000)));
    }
  }

  @Test
  void shouldEmitOneCommandForDuplicatedAndLateUpdatedEvents() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.advanceStreamTimeTo(20_000);
      p.event(closed(CAM, "ev-1", 0, 5_000)); // replayed after the command
      p.event(closed(CAM, "ev-1", 0, 9_000)); // a late update that would grow the window
      p.advanceStreamTimeTo(90_000);
      assertThat(p.commands.readValuesToList()).hasSize(1);
    }
  }

  @Test
  void shouldGiveAReplayedEventTheSameClipIdAndCommand() {
    RenderCommand first = runOnce();
    RenderCommand replay = runOnce();
    assertThat(replay.getClipId()).isEqualTo(first.getClipId()).startsWith("clip-");
    assertThat(replay).isEqualTo(first);
  }

  private static RenderCommand runOnce() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.detectionsEverySecond(CAM, 0, 20_000);
      return p.commands.readValue();
    }
  }

  @Test
  void shouldEmitOneClipPerEventWhenEventsOverlapByDefault() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 20_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.event(closed(CAM, "ev-2", 3_000, 12_000));
      p.advanceStreamTimeTo(40_000);
      List<RenderCommand> out = p.commands.readValuesToList();
      assertThat(out)
          .extracting(c -> c.getEvent().getEventId())
          .containsExactlyInAnyOrder("ev-1", "ev-2");
      assertThat(out.get(0).getClipId()).isNotEqualTo(out.get(1).getClipId());
    }
  }

  @Test
  void shouldMergeOverlappingEventsIntoOneClipUnderTheMergePolicy() {
    PlannerSettings settings = PlannerSettings.builder().overlapPolicy(OverlapPolicy.MERGE).build();
    try (PlannerFixture p = new PlannerFixture(settings)) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 20_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.event(open(CAM, "ev-2", 3_000));
      p.advanceStreamTimeTo(30_000);
      assertThat(p.commands.isEmpty()).as("ev-2 is still open and may overlap").isTrue();
      p.event(closed(CAM, "ev-2", 3_000, 12_000));
      p.event(closed(CAM, "ev-3", 100_000, 101_000)); // does not overlap: its own clip later
      p.advanceStreamTimeTo(40_000);
      List<RenderCommand> out = p.commands.readValuesToList();
      assertThat(out).hasSize(1);
      RenderCommand c = out.get(0);
      assertThat(c.getWindow()).isEqualTo(new TimeRange(at(-5_000), at(17_000)));
      assertThat(c.getEvent().getEventId()).isEqualTo("ev-1");
      assertThat(c.getEvent().getAttributes())
          .containsEntry(CommandAssembler.MERGED_EVENTS_ATTRIBUTE, "ev-1,ev-2");
    }
  }

  @Test
  void shouldShiftWindowAndDetectionsByTheCameraClockOffset() {
    PlannerSettings settings =
        PlannerSettings.builder().clockOffset(CAM, Duration.ofMillis(2_500)).build();
    try (PlannerFixture p = new PlannerFixture(settings)) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -10_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.detection(frame(CAM, 1_000, 1L));
      p.advanceStreamTimeTo(20_000);
      RenderCommand c = p.commands.readValue();
      assertThat(c.getWindow()).isEqualTo(new TimeRange(at(-2_500), at(12_500)));
      SourceClip s = c.getSources().get(0);
      assertThat(s.getLocalFromMs()).isEqualTo(7_500L);
      assertThat(localTimes(s)).containsExactly(13_500L); // 1 s + 2.5 s - (-10 s)
      assertThat(s.getDetections().get(0).getCaptureTime()).isEqualTo(at(1_000));
    }
  }

  @Test
  void shouldMergeOptionsFromDefaultsTriggerAndEvent() {
    PlannerSettings settings =
        PlannerSettings.builder()
            .triggerOverride(
                "intrusion", RenderOptions.newBuilder().setPreRollMs(1_000L).setCrf(30).build())
            .build();
    try (PlannerFixture p = new PlannerFixture(settings)) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(
          io.clipstream.contracts.Event.newBuilder(closed(CAM, "ev-1", 0, 5_000))
              .setRenderOptions(RenderOptions.newBuilder().setPostRollMs(0L).setCrf(20).build())
              .build());
      p.advanceStreamTimeTo(20_000);
      RenderCommand c = p.commands.readValue();
      assertThat(c.getWindow()).isEqualTo(new TimeRange(at(-1_000), at(5_000)));
      assertThat(c.getOptions().getCrf()).isEqualTo(20);
      assertThat(c.getOptions().getPreRollMs()).isEqualTo(1_000L);
    }
  }

  private static Zone square(String name, float x, float y, float side) {
    return Zone.newBuilder()
        .setName(name)
        .setPoints(
            List.of(
                new Point(x, y),
                new Point(x + side, y),
                new Point(x + side, y + side),
                new Point(x, y + side)))
        .build();
  }

  private static RenderOptions redaction(Redaction r) {
    return RenderOptions.newBuilder().setRedaction(r).build();
  }

  @Test
  void shouldCarryTheDefaultRedactionTheCamerasZonesAndTheEventsOwnRedactionIntoTheCommand() {
    PlannerSettings settings =
        PlannerSettings.builder()
            .defaultOptions(
                redaction(
                    Redaction.newBuilder()
                        .setLabels(List.of("person"))
                        .setMethod("fill")
                        .setKeepOriginal(true)
                        .build()))
            .cameraOverride(
                CAM,
                redaction(
                    Redaction.newBuilder()
                        .setPrivacyZones(
                            List.of(square("window", 0, 0, 50), square("garden", 100, 0, 50)))
                        .build()))
            .cameraOverride(
                "cam-elsewhere",
                redaction(
                    Redaction.newBuilder()
                        .setPrivacyZones(List.of(square("not-here", 0, 0, 10)))
                        .build()))
            .build();
    try (PlannerFixture p = new PlannerFixture(settings)) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(
          Event.newBuilder(closed(CAM, "ev-1", 0, 5_000))
              .setRenderOptions(
                  redaction(
                      Redaction.newBuilder()
                          .setMethod("pixelate")
                          .setBlockFraction(0.5)
                          .setPrivacyZones(
                              List.of(square("garden", 200, 0, 20), square("door", 300, 0, 40)))
                          .build()))
              .build());
      p.event(closed(CAM, "ev-2", 6_000, 8_000));
      p.advanceStreamTimeTo(30_000);
      RenderCommand first = p.commands.readValue();
      RenderCommand second = p.commands.readValue();

      Redaction r = first.getOptions().getRedaction();
      assertThat(r.getLabels()).as("from the defaults").containsExactly("person");
      assertThat(r.getKeepOriginal()).as("from the defaults").isTrue();
      assertThat(r.getMethod()).as("the event's method wins").isEqualTo("pixelate");
      assertThat(r.getBlockFraction()).isEqualTo(0.5);
      assertThat(r.getPrivacyZones())
          .as("the camera's zones stay; the event's same-named zone replaces it; its own is added")
          .containsExactly(
              square("window", 0, 0, 50), square("garden", 200, 0, 20), square("door", 300, 0, 40));

      Redaction plain = second.getOptions().getRedaction();
      assertThat(plain.getMethod())
          .as("an event without options keeps the default")
          .isEqualTo("fill");
      assertThat(plain.getPrivacyZones())
          .containsExactly(square("window", 0, 0, 50), square("garden", 100, 0, 50));
    }
  }

  @Test
  void shouldThinNonFocusDetectionsWhenTheCommandWouldExceedTheSizeCap() {
    PlannerSettings settings = PlannerSettings.builder().maxCommandBytes(40_000).build();
    try (PlannerFixture p = new PlannerFixture(settings)) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 30_000));
      p.event(closed(CAM, "ev-big", 0, 20_000));
      for (long t = -5_000; t < 25_000; t += 40) { // 25 fps, one focus and five other tracks
        p.detection(frame(CAM, t, 1L, 2L, 3L, 4L, 5L, 6L));
      }
      p.advanceStreamTimeTo(40_000);
      RenderCommand c = p.commands.readValue();
      assertThat(DetectionThinner.size(c)).isLessThanOrEqualTo(40_000);
      List<FrameDetections> frames = c.getSources().get(0).getDetections();
      assertThat(frames)
          .hasSize(750)
          .allSatisfy(
              f -> assertThat(f.getDetections()).extracting(d -> d.getTrackId()).contains(1L));
      assertThat(c.getEvent().getAttributes()).containsKey(ClipEmitter.THINNED_ATTRIBUTE);
    }
  }

  @Test
  void shouldFailWithCommandTooLargeWhenEvenThinnedDetectionsDoNotFit() {
    PlannerSettings settings = PlannerSettings.builder().maxCommandBytes(1_024).build();
    try (PlannerFixture p = new PlannerFixture(settings)) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 30_000));
      Event huge = // no thinning can help an event this big
          Event.newBuilder(closed(CAM, "ev-huge", 0, 20_000))
              .setAttributes(java.util.Map.of("notes", "x".repeat(2_000)))
              .build();
      p.event(huge);
      for (long t = -5_000; t < 25_000; t += 40) {
        p.detection(frame(CAM, t, 1L, 2L, 3L));
      }
      p.advanceStreamTimeTo(40_000);
      assertThat(p.commands.isEmpty()).isTrue();
      ClipFailed failed = p.failures.readValue();
      assertThat(failed.getReason()).isEqualTo(FailureReason.COMMAND_TOO_LARGE);
      assertThat(failed.getMessage()).contains("1024 bytes").contains("raise the planner's");
      assertThat(failed.getEventId()).isEqualTo("ev-huge");
    }
  }

  @Test
  void shouldFailInvalidEventsWithAReasonAndKeepRunning() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.event(closed(CAM, "ev-bad", 5_000, 0));
      p.events.pipeInput("other-cam", closed(CAM, "ev-wrong-key", 0, 1_000));
      List<ClipFailed> failed = p.failures.readValuesToList();
      assertThat(failed)
          .extracting(ClipFailed::getReason)
          .containsOnly(FailureReason.INVALID_EVENT);
      assertThat(failed.get(0).getMessage()).contains("ev-bad", "before start");
      assertThat(failed.get(1).getMessage()).contains("other-cam", "record key");
    }
  }

  /**
   * The dead-letter record itself is checked on the real broker (PlannerIT): TopologyTestDriver 4.3
   * does not capture the records Kafka Streams' built-in dead-letter support produces.
   */
  @Test
  void shouldSkipUnreadableBytesAndProcessTheNextRecord() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.rawEvents.pipeInput(CAM, "not avro".getBytes(StandardCharsets.UTF_8));
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.advanceStreamTimeTo(20_000);
      assertThat(p.commands.readValue().getEvent().getEventId()).isEqualTo("ev-1");
      assertThat(p.failures.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldSetAsideASegmentThatEndsBeforeItStartsAndKeepPlanning() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/backwards.mp4", 10_000, -50_000));
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.advanceStreamTimeTo(20_000);
      assertThat(p.commands.readValue().getSources())
          .extracting(s -> s.getUri())
          .containsExactly("file:///nvr/a.mp4");
    }
  }

  @Test
  void shouldFinishClipsOnWallClockTimeWhenThePartitionGoesQuiet() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000)); // stream time stops at 5 s
      p.driver.advanceWallClockTime(Duration.ofSeconds(20));
      assertThat(p.commands.isEmpty()).as("not idle long enough yet").isTrue();
      p.driver.advanceWallClockTime(Duration.ofSeconds(15));
      assertThat(p.commands.readValue().getEvent().getEventId()).isEqualTo("ev-1");
    }
  }

  @Test
  void shouldFailEventsWithControlCharactersFarFutureTimesOrOverlongSpans() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.event(closed(CAM, "ev-\n\u0007", 0, 1_000));
      p.events.pipeInput("cam\r", closed("cam\r", "ev-cr-camera", 0, 1_000));
      Event future =
          Event.newBuilder(closed(CAM, "ev-2100", 0, 1_000))
              .setStart(Instant.parse("2100-01-01T00:00:00Z"))
              .setEnd(Instant.parse("2100-01-01T00:00:10Z"))
              .build();
      p.event(future);
      assertThat(p.commands.isEmpty())
          .as("the year-2100 event did not move the planner's clock: ev-1 waits for its grace")
          .isTrue();
      p.advanceStreamTimeTo(20_000);
      assertThat(p.commands.readValue().getEvent().getEventId()).isEqualTo("ev-1");
      p.event(closed(CAM, "ev-day", 30_000, 30_000 + 86_400_000)); // default maximum: 5 min

      List<ClipFailed> failed = p.failures.readValuesToList();
      assertThat(failed)
          .extracting(ClipFailed::getReason)
          .containsOnly(FailureReason.INVALID_EVENT);
      assertThat(failed)
          .extracting(ClipFailed::getMessage)
          .satisfiesExactly(
              m -> assertThat(m).contains("event_id contains a control character"),
              m -> assertThat(m).contains("record key", "control character"),
              m -> assertThat(m).contains("2100-01-01T00:00:00Z is in the future"),
              m -> assertThat(m).contains("lasts PT24H", "longer than the maximum event duration"));
      assertThat(p.commands.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldNotLetFarFutureTimesOrOverlongEventsMoveStreamTime() {
    long now = PlannerFixture.T0;
    PlannerTimestamps timestamps = new PlannerTimestamps(Duration.ofMinutes(5), () -> now);
    assertThat(timestamps.extract(record(frame(CAM, 3L * 86_400_000)), now - 5))
        .as("a frame captured 3 days from now")
        .isEqualTo(now - 5);
    assertThat(timestamps.extract(record(frame(CAM, 60_000)), now - 5)).isEqualTo(now + 60_000);
    assertThat(timestamps.extract(record(closed(CAM, "ev-day", -86_400_000, 0)), now - 5))
        .as("a day-long event counts as ending 5 min after its start")
        .isEqualTo(now - 86_400_000 + 300_000);
    assertThat(timestamps.extract(record(closed(CAM, "ev-1", 0, 4_000)), now - 5))
        .isEqualTo(now + 4_000);
    assertThat(timestamps.extract(record(open(CAM, "ev-2", 1_000)), now - 5))
        .isEqualTo(now + 1_000);
  }

  private static org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object> record(
      Object value) {
    return new org.apache.kafka.clients.consumer.ConsumerRecord<>("t", 0, 0, CAM, value);
  }

  @Test
  void shouldSetAsideDetectionFramesWithBoxesThatCannotBeDrawnAndKeepTheOthers() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.detection(withBox(frame(CAM, 1_000, 1L), Float.NaN, 10, 100, 100));
      p.detection(withBox(frame(CAM, 1_100, 1L), 10, 10, 1e9f, 100));
      p.detection(withBox(frame(CAM, 1_200, 1L), 900, 10, 1000, 100));
      p.detection(withBox(frame(CAM, 1_300, 1L), -40, -30, 120, 90)); // partly out: clamped later
      p.detection(frame(CAM, 1_400, 1L));
      p.advanceStreamTimeTo(20_000);
      assertThat(localTimes(p.commands.readValue().getSources().get(0)))
          .as("the frames with a NaN, a 1e9 px and a wholly-outside box are set aside")
          .containsExactly(61_300L, 61_400L);
    }
  }

  @Test
  void shouldSetAsideSegmentsWithoutFrameRateOrSize() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(
          io.clipstream.contracts.Segment.newBuilder(segment(CAM, "file:///nvr/x.mp4", -60_000, 0))
              .setFps(0)
              .build());
      p.segment(
          io.clipstream.contracts.Segment.newBuilder(segment(CAM, "file:///nvr/y.mp4", -60_000, 0))
              .setWidth(-1280)
              .build());
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.advanceStreamTimeTo(20_000);
      assertThat(p.commands.readValue().getSources())
          .extracting(SourceClip::getUri)
          .containsExactly("file:///nvr/a.mp4");
    }
  }

  @Test
  void shouldSetAsideATombstoneEventAndKeepPlanning() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -60_000, 15_000));
      p.events.pipeInput(CAM, (Event) null);
      p.event(closed(CAM, "ev-1", 0, 5_000));
      p.advanceStreamTimeTo(20_000);
      assertThat(p.commands.readValue().getEvent().getEventId()).isEqualTo("ev-1");
      assertThat(p.failures.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldTakeEachInstantFromOneFileWhenSegmentsOverlap() {
    try (PlannerFixture p = new PlannerFixture()) {
      p.segment(segment(CAM, "file:///nvr/a.mp4", -20_000, 10_000));
      p.segment(segment(CAM, "file:///nvr/inside.mp4", -10_000, 5_000)); // wholly inside a.mp4
      p.segment(segment(CAM, "file:///nvr/b.mp4", 0, 30_000)); // overlaps a.mp4 by 10 s
      p.event(closed(CAM, "ev-1", 5_000, 15_000)); // window [0 s, 20 s)
      p.detectionsEverySecond(CAM, 0, 19_000);
      p.advanceStreamTimeTo(40_000);
      RenderCommand c = p.commands.readValue();
      assertThat(c.getSources())
          .extracting(SourceClip::getUri, SourceClip::getLocalFromMs, SourceClip::getLocalToMs)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("file:///nvr/a.mp4", 20_000L, 30_000L),
              org.assertj.core.groups.Tuple.tuple("file:///nvr/b.mp4", 10_000L, 20_000L));
      assertThat(localTimes(c.getSources().get(0))).hasSize(10);
      assertThat(localTimes(c.getSources().get(1))).first().isEqualTo(10_000L);
      assertThat(localTimes(c.getSources().get(1))).hasSize(10);
    }
  }

  @Test
  void shouldSuspectEpochSecondsWhenNothingCoversAWindowIn1970() {
    try (PlannerFixture p = new PlannerFixture()) {
      long seconds = T0 / 1000; // 2024 in seconds, read as milliseconds: January 1970
      p.event(
          Event.newBuilder(open(CAM, "ev-seconds", 0))
              .setStart(Instant.ofEpochMilli(seconds))
              .setEnd(Instant.ofEpochMilli(seconds + 5))
              .build());
      p.advanceStreamTimeTo(70_000);
      ClipFailed failed = p.failures.readValue();
      assertThat(failed.getReason()).isEqualTo(FailureReason.NO_RECORDING);
      assertThat(failed.getMessage())
          .contains("a window in 1970 suggests the event's times are epoch seconds");
    }
  }

  private static io.clipstream.contracts.DetectionFrame withBox(
      io.clipstream.contracts.DetectionFrame f, float x1, float y1, float x2, float y2) {
    var d =
        io.clipstream.contracts.Detection.newBuilder(f.getDetections().get(0))
            .setBox(new io.clipstream.contracts.BoundingBox(x1, y1, x2, y2))
            .build();
    return io.clipstream.contracts.DetectionFrame.newBuilder(f)
        .setFrameWidth(768)
        .setFrameHeight(432)
        .setDetections(List.of(d))
        .build();
  }
}
