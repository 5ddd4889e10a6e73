package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.media.Ffprobe;
import io.clipstream.media.Rational;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.DurationStrategy;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurationStrategyTest {

  @TempDir Path dir;
  private final SyntheticVideo video = SyntheticVideo.builder().fps(30, 1).frames(300).gop(60);
  private Path file;

  @BeforeEach
  void writeSource() throws Exception {
    file = video.writeTo(dir.resolve("ten-seconds.mp4"));
  }

  private ClipResult render(String name, RenderSettings settings, EventWindow event) {
    SourceSlice source = TestClips.source(file, 0, 10_000_000, Instant.EPOCH, List.of());
    ClipRequest request =
        new ClipRequest(
            name, "cam", List.of(source), event, java.util.Set.of(), settings, dir, name);
    try (ClipRenderer renderer = new ClipRenderer()) {
      return renderer.render(request);
    }
  }

  private static EventWindow seconds(double from, double to) {
    return new EventWindow(
        Instant.EPOCH.plusMillis(Math.round(from * 1000)),
        Instant.EPOCH.plusMillis(Math.round(to * 1000)));
  }

  @Test
  void shouldTimeLapseByKeepingEveryNthFrameWithoutRaisingTheFrameRate() throws Exception {
    ClipResult result =
        render(
            "lapse",
            RenderSettings.builder()
                .strategy(DurationStrategy.TIMELAPSE)
                .maxDurationMicros(2_000_000)
                .thumbnail(false)
                .build(),
            seconds(0, 10));
    List<long[]> frames = TestClips.decodeNumbers(result.video(), 320, 240);
    assertThat(frames).hasSize(60); // stride 5
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i)[1]).isEqualTo(5L * i);
    }
    assertThat(result.frameRate()).isEqualTo(new Rational(30, 1));
    assertThat(Ffprobe.videoStream(result.video()).path("r_frame_rate").asText()).isEqualTo("30/1");
  }

  @Test
  void shouldTrimAroundTheEvent() throws Exception {
    ClipResult result =
        render(
            "trim",
            RenderSettings.builder()
                .strategy(DurationStrategy.TRIM)
                .maxDurationMicros(2_000_000)
                .thumbnail(false)
                .build(),
            seconds(6, 7));
    List<long[]> frames = TestClips.decodeNumbers(result.video(), 320, 240);
    assertThat(frames).hasSize(60); // 5.5 s .. 7.5 s around the event's middle
    assertThat(frames.get(0)[1]).isEqualTo(165);
    assertThat(frames.get(59)[1]).isEqualTo(224);
  }

  @Test
  void shouldApplyAnExplicitStrideAndSpeed() throws Exception {
    ClipResult result =
        render(
            "stride",
            RenderSettings.builder()
                .strategy(DurationStrategy.STRIDE)
                .stride(3)
                .speed(1.5)
                .thumbnail(false)
                .build(),
            seconds(0, 10));
    List<long[]> frames = TestClips.decodeNumbers(result.video(), 320, 240);
    assertThat(frames).hasSize(100);
    assertThat(frames.get(1)[1]).isEqualTo(3);
    assertThat(result.frameRate()).isEqualTo(new Rational(15, 1)); // 30 fps * 1.5 / 3
  }

  @Test
  void shouldNeverExceedTheSourceFrameRateWhenSpeedingUp() throws Exception {
    ClipResult result =
        render(
            "fast",
            RenderSettings.builder()
                .strategy(DurationStrategy.STRIDE)
                .stride(1)
                .speed(4)
                .thumbnail(false)
                .build(),
            seconds(0, 10));
    assertThat(result.frameRate()).isEqualTo(new Rational(30, 1));
    assertThat(result.frames()).isEqualTo(75); // every 4th frame, 2.5 s at 30 fps
  }
}
