package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.media.Ffprobe;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.ResolutionPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event spanning NVR segment files becomes one continuous clip. */
class MultiSourceClipTest {

  @TempDir Path dir;

  private final RenderSettings plain = RenderSettings.builder().thumbnail(false).build();

  @Test
  void shouldJoinTheEndOfOneSegmentAndTheStartOfTheNextWithContinuousTimestamps() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30000, 1001).frames(150).gop(30);
    Path a = video.writeTo(dir.resolve("cam_22-00.mp4"));
    Path b = video.writeTo(dir.resolve("cam_23-00.mp4"));
    Instant zeroA = Instant.parse("2024-05-24T22:00:00Z");
    Instant zeroB = zeroA.plusMillis(5005); // 150 frames later
    ClipRequest request =
        TestClips.request(
            dir,
            "cross",
            List.of(
                TestClips.source(a, 3_000_000, 6_000_000, zeroA, List.of()),
                TestClips.source(b, 0, 1_000_000, zeroB, List.of())),
            plain);
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    List<long[]> frames = TestClips.decodeNumbers(result.video(), 320, 240);
    // File A: frames 90..149 (pts 3.003 .. 4.971 s); file B: frames 0..29 (pts 0 .. 0.968 s).
    assertThat(frames).hasSize(60 + 30);
    assertThat(frames.get(0)[1]).isEqualTo(90);
    assertThat(frames.get(59)[1]).isEqualTo(149);
    assertThat(frames.get(60)[1]).isEqualTo(0);
    assertThat(frames.get(89)[1]).isEqualTo(29);
    List<Double> times = Ffprobe.frameTimes(result.video());
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1))
          .as("frame %d", i)
          .isCloseTo(1001 / 30000.0, Offset.offset(1e-3));
    }
    assertThat(result.firstFrame()).isEqualTo(zeroA.plusNanos(video.ptsMicros(90) * 1000));
    assertThat(result.lastFrame()).isEqualTo(zeroB.plusNanos(video.ptsMicros(29) * 1000));
  }

  @Test
  void shouldScaleASourceOfAnotherResolutionToTheFirstOnes() throws Exception {
    Path small =
        SyntheticVideo.builder()
            .size(320, 240)
            .fps(25, 1)
            .frames(50)
            .writeTo(dir.resolve("small.mp4"));
    Path large =
        SyntheticVideo.builder()
            .size(640, 480)
            .fps(25, 1)
            .frames(50)
            .writeTo(dir.resolve("large.mp4"));
    ClipRequest request =
        TestClips.request(
            dir,
            "scaled",
            List.of(
                TestClips.source(small, 0, 1_000_000, Instant.EPOCH, List.of()),
                TestClips.source(large, 0, 1_000_000, Instant.EPOCH.plusSeconds(2), List.of())),
            plain);
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    assertThat(result.width()).isEqualTo(320);
    assertThat(Ffprobe.videoStream(result.video()).path("height").asInt()).isEqualTo(240);
    assertThat(TestClips.decodeNumbers(result.video(), 320, 240)).hasSize(50);
    // The large file's frames, scaled by half: its bar code reads with its own geometry, halved.
    List<long[]> asLarge = TestClips.decodeNumbers(result.video(), 640, 480);
    for (int i = 25; i < 50; i++) {
      assertThat(asLarge.get(i)[1]).as("output frame %d", i).isEqualTo(i - 25);
    }
  }

  @Test
  void shouldRefuseSourcesOfAnotherResolutionWhenConfiguredSo() throws Exception {
    Path small =
        SyntheticVideo.builder().size(320, 240).frames(10).writeTo(dir.resolve("small.mp4"));
    Path large =
        SyntheticVideo.builder().size(640, 480).frames(10).writeTo(dir.resolve("large.mp4"));
    RenderSettings refuse = plain.toBuilder().resolutionPolicy(ResolutionPolicy.REFUSE).build();
    ClipRequest request =
        TestClips.request(
            dir,
            "refused",
            List.of(
                TestClips.source(small, 0, 300_000, Instant.EPOCH, List.of()),
                TestClips.source(large, 0, 300_000, Instant.EPOCH, List.of())),
            refuse);
    try (ClipRenderer renderer = new ClipRenderer()) {
      assertThatThrownBy(() -> renderer.render(request))
          .isInstanceOf(RenderException.class)
          .hasMessageContaining("large.mp4")
          .hasMessageContaining("640x480")
          .hasMessageContaining("320x240")
          .extracting(e -> ((RenderException) e).reason())
          .isEqualTo(RenderException.Reason.INCOMPATIBLE_SOURCES);
    }
    assertThat(request.videoPath()).doesNotExist();
  }
}
