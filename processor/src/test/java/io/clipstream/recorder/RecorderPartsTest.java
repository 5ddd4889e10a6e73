package io.clipstream.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecorderPartsTest {

  private static final Path DIR = Path.of("target", "record-test");

  @Test
  void settingsShouldRejectNonPositiveDurationsAndSegmentsShorterThanOneSecond() {
    Duration s = Duration.ofSeconds(1);
    assertThat(new RecorderSettings(s, s, s, s, DIR).segmentLength()).isEqualTo(s);
    assertThatThrownBy(() -> new RecorderSettings(Duration.ofMillis(999), s, s, s, DIR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segmentLength");
    assertThatThrownBy(() -> new RecorderSettings(s, Duration.ZERO, s, s, DIR))
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> new RecorderSettings(s, s, Duration.ofSeconds(-1), s, DIR))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> new RecorderSettings(s, s, s, Duration.ZERO, DIR))
        .hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> new RecorderSettings(s, s, s, s, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void backoffShouldDoubleFromTheInitialDelayUpToTheMaximumAndStartOverAfterAReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      delays.add(backoff.next().toMillis());
    }
    assertThat(delays).containsExactly(100L, 200L, 400L, 500L, 500L);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void anchorShouldUseTheEarliestArrivalRelativeToPtsSoBufferedPacketsDoNotDelayIt() {
    WallClockAnchor anchor = new WallClockAnchor();
    long t0 = 1_700_000_000_000_000L; // frame pts p (us) is captured at t0 + p - 1 s
    // probing buffered the first frames: they are handed out together, late
    anchor.observe(t0 + 900_000, 1_400_000);
    anchor.observe(t0 + 900_100, 1_500_000);
    anchor.observe(t0 + 900_200, 1_600_000);
    // then frames arrive live, 20 ms after capture, some with 15 ms of jitter
    anchor.observe(t0 + 1_035_000, 2_000_000);
    anchor.observe(t0 + 1_120_000, 2_100_000);
    anchor.observe(t0 + 1_235_000, 2_200_000);
    anchor.freeze(Long.MIN_VALUE);
    assertThat(anchor.fromInput()).isFalse();
    assertThat(anchor.wallMicros(2_000_000)).isEqualTo(t0 + 1_020_000); // capture + 20 ms
    anchor.observe(t0, 5_000_000); // ignored once fixed: segments of a connection stay contiguous
    assertThat(anchor.wallMicros(2_000_000)).isEqualTo(t0 + 1_020_000);
  }

  @Test
  void anchorShouldPreferTheInputsCaptureTimeOfPtsZero() {
    WallClockAnchor anchor = new WallClockAnchor();
    anchor.observe(2_000_000_000L, 1_000);
    anchor.freeze(1_000_000_000L);
    assertThat(anchor.fromInput()).isTrue();
    assertThat(anchor.wallMicros(5_000)).isEqualTo(1_000_005_000L);
  }

  @Test
  void recorderShouldRejectCameraIdsThatAreNotSafeFileNames() {
    Duration s = Duration.ofSeconds(1);
    RecorderSettings settings = new RecorderSettings(s, s, s, s, DIR);
    SegmentSink sink =
        new SegmentSink() {
          @Override
          public void segmentClosed(RecordedSegment segment) {}

          @Override
          public void inputLost(String cameraId, Instant lastFrameEnd, String reason) {}

          @Override
          public void inputRestored(String cameraId, Instant firstFrame, int reconnects) {}
        };
    for (String bad : List.of("", "../x", "a/b", ".hidden", "a b")) {
      assertThatThrownBy(
              () -> new CameraRecorder(bad, "tcp://127.0.0.1:1", settings, sink, Clock.systemUTC()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void timeoutOptionsShouldSetTheSocketTimeoutOnlyWhereTimeoutMeansThat() {
    Duration t = Duration.ofMillis(2500);
    assertThat(LiveInput.timeoutOptions("rtsp://cam/stream", t))
        .containsEntry("rw_timeout", "2500000")
        .containsEntry("timeout", "2500000");
    assertThat(LiveInput.timeoutOptions("tcp://127.0.0.1:9000", t)).containsKey("timeout");
    assertThat(LiveInput.timeoutOptions("rtmp://host/live/key", t))
        .containsEntry("rw_timeout", "2500000")
        .doesNotContainKey("timeout"); // for rtmp, "timeout" would make it listen
    assertThat(LiveInput.redact("rtsp://admin:secret@10.0.0.5/stream"))
        .isEqualTo("rtsp://***@10.0.0.5/stream");
  }
}
