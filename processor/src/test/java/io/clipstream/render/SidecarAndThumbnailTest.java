package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.detections.SourceDetection;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarAndThumbnailTest {

  @TempDir Path dir;

  @Test
  void shouldRecordEveryOutputFrameWithItsSourceTimeWallClockAndBoxes() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30000, 1001).frames(90);
    Path file = video.writeTo(dir.resolve("in.mp4"));
    Instant zero = Instant.parse("2024-05-24T05:53:00Z");
    List<DetectionSample> detections = TestClips.squareDetections(video, 90, 320, 240);
    ClipRequest request =
        TestClips.request(
            dir,
            "car",
            List.of(
                TestClips.source(file, video.ptsMicros(30), video.ptsMicros(60), zero, detections)),
            RenderSettings.defaults());
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    JsonNode json = new ObjectMapper().readTree(result.sidecar().toFile());
    assertThat(json.path("version").asInt()).isEqualTo(1);
    assertThat(json.path("clipId").asText()).isEqualTo("clip-car");
    assertThat(json.path("video").path("sha256").asText())
        .isEqualTo(result.sha256())
        .isEqualTo(sha256(result));
    assertThat(json.path("video").path("frames").asInt()).isEqualTo(30);
    assertThat(json.path("video").path("encoder").asText()).isEqualTo("libx264");
    assertThat(json.path("settings").path("encoder").path("preset").asText()).isEqualTo("veryfast");
    assertThat(json.path("software").path("name").asText()).isEqualTo("clipstream");
    JsonNode source = json.path("sources").get(0);
    assertThat(source.path("firstFramePtsMicros").asLong()).isEqualTo(video.ptsMicros(30));
    assertThat(source.path("lastFramePtsMicros").asLong()).isEqualTo(video.ptsMicros(59));
    assertThat(source.path("firstOutputFrame").asInt()).isZero();
    assertThat(source.path("lastOutputFrame").asInt()).isEqualTo(29);
    JsonNode frames = json.path("frames");
    assertThat(frames).hasSize(30);
    JsonNode f5 = frames.get(5);
    assertThat(f5.path("sourcePtsMicros").asLong()).isEqualTo(video.ptsMicros(35));
    assertThat(Instant.parse(f5.path("wallClock").asText()))
        .isEqualTo(zero.plusNanos(video.ptsMicros(35) * 1000));
    JsonNode box = f5.path("boxes").get(0);
    assertThat(box.path("origin").asText()).isEqualTo("observed");
    assertThat(box.path("x1").asDouble()).isEqualTo(SyntheticVideo.squareX(35, 320));
    assertThat(box.path("trackId").asLong()).isEqualTo(7);
    assertThat(box.path("focus").asBoolean()).isTrue();
    assertThat(box.path("color").asText()).isEqualTo("#ff0000");
  }

  @Test
  void shouldPickTheThumbnailFromTheFrameWithTheMostFocusTrackBoxes() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(25, 1).frames(75);
    Path file = video.writeTo(dir.resolve("in.mp4"));
    List<DetectionSample> detections = new ArrayList<>();
    for (int n = 0; n < 75; n++) {
      List<SourceDetection> boxes = new ArrayList<>();
      boxes.add(box(10, 7)); // the focus track on every frame
      if (n >= 40 && n < 44) {
        boxes.add(box(100, 8)); // the second focus track only on frames 40..43 (then held)
      }
      boxes.add(box(200, 99)); // another track, which does not count
      detections.add(new DetectionSample(video.ptsMicros(n), boxes));
    }
    ClipRequest base =
        TestClips.request(
            dir,
            "thumb",
            List.of(TestClips.source(file, 0, 3_000_000, Instant.EPOCH, detections)),
            RenderSettings.defaults());
    ClipRequest request =
        new ClipRequest(
            base.clipId(),
            base.cameraId(),
            base.sources(),
            base.event(),
            java.util.Set.of(7L, 8L),
            base.settings(),
            dir,
            "thumb");
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    assertThat(result.thumbnail()).isPresent();
    assertThat(TestClips.isJpeg(result.thumbnail().get())).isTrue();
    JsonNode json = new ObjectMapper().readTree(result.sidecar().toFile());
    assertThat(json.path("thumbnail").path("frame").asInt()).isEqualTo(40);
    assertThat(json.path("thumbnail").path("file").asText()).isEqualTo("thumb.jpg");
  }

  private static SourceDetection box(float x, long track) {
    return new SourceDetection(
        x, 20, x + 40, 80, "person", OptionalLong.of(track), 0.8f, OptionalInt.empty());
  }

  private static String sha256(ClipResult result) throws Exception {
    return HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.nio.file.Files.readAllBytes(result.video())));
  }
}
