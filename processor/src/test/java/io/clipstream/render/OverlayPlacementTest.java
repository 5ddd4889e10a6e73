package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.image.YuvImage;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The box drawn on an output frame is where the object is in that very source frame. */
class OverlayPlacementTest {

  @TempDir Path dir;

  @Test
  void shouldDrawTheBoxAroundTheObjectOfThatExactFrame() throws Exception {
    assertBoxesFollowTheSquare(320, 240);
  }

  @Test
  void shouldDrawTheBoxAroundTheObjectOfThatExactFrameAtWidth854() throws Exception {
    assertBoxesFollowTheSquare(854, 480);
  }

  @Test
  void shouldInterpolateBoxesBetweenTheFramesASlowDetectorSaw() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30, 1).frames(70).gop(30);
    Path file = video.writeTo(dir.resolve("sparse.mp4"));
    List<DetectionSample> everyThird = new java.util.ArrayList<>();
    List<DetectionSample> all = TestClips.squareDetections(video, 70, 320, 240);
    for (int n = 0; n < 70; n += 3) {
      everyThird.add(all.get(n));
    }
    ClipRequest request =
        TestClips.request(
            dir,
            "sparse",
            List.of(
                TestClips.source(
                    file, video.ptsMicros(20), video.ptsMicros(60), Instant.EPOCH, everyThird)),
            RenderSettings.defaults());
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    assertBoxesOnTheSquare(result.video(), 320, 240, 40);
    com.fasterxml.jackson.databind.JsonNode frames =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(result.sidecar().toFile())
            .path("frames");
    for (com.fasterxml.jackson.databind.JsonNode frame : frames) {
      long n = Math.round(frame.path("sourcePtsMicros").asLong() / (1e6 / 30));
      assertThat(frame.path("boxes").get(0).path("origin").asText())
          .as("frame %d", n)
          .isEqualTo(n % 3 == 0 ? "observed" : "interpolated");
    }
  }

  private void assertBoxesFollowTheSquare(int width, int height) throws Exception {
    SyntheticVideo video =
        SyntheticVideo.builder().size(width, height).fps(30000, 1001).frames(90).gop(30);
    Path file = video.writeTo(dir.resolve("square" + width + ".mp4"));
    List<DetectionSample> detections = TestClips.squareDetections(video, 90, width, height);
    ClipRequest request =
        TestClips.request(
            dir,
            "boxes" + width,
            List.of(
                TestClips.source(
                    file, video.ptsMicros(20), video.ptsMicros(80), Instant.EPOCH, detections)),
            RenderSettings.defaults());
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    assertBoxesOnTheSquare(result.video(), width, height, 60);
  }

  private static void assertBoxesOnTheSquare(Path clip, int width, int height, int frames) {
    int checked = 0;
    try (VideoSource out = VideoSource.open(clip.toString())) {
      VideoFrame frame;
      while ((frame = out.next()) != null) {
        YuvImage image = frame.image();
        int n = SyntheticVideo.readFrameNumber(image, width, height);
        int x = SyntheticVideo.squareX(n, width);
        int yMid = SyntheticVideo.squareY(n, height) + SyntheticVideo.SQUARE / 2;
        // Red outline on the square's left edge (inside or just outside it): strong Cr.
        int edge =
            Math.max(
                image.crAt(x, yMid), Math.max(image.crAt(x - 1, yMid), image.crAt(x + 1, yMid)));
        assertThat(edge).as("Cr on the left edge of frame %d", n).isGreaterThan(200);
        // Where the previous or next frame's edge would be: no red (no off-by-one frame).
        assertThat(image.crAt(x - 5, yMid)).as("Cr 5 px left of frame %d's box", n).isLessThan(150);
        assertThat(image.crAt(x + 6, yMid)).as("Cr inside frame %d's box", n).isLessThan(150);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(frames);
  }
}
