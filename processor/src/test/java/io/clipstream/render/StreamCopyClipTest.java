package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCopyClipTest {

  @TempDir Path dir;

  @Test
  void shouldStreamCopyClipsWithoutOverlaysFromTheKeyframeBeforeTheWindowAndSayWhere()
      throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30, 1).frames(300).gop(30);
    Path file = video.writeTo(dir.resolve("in.mp4"));
    ClipRequest request =
        TestClips.request(
            dir,
            "copy",
            List.of(
                TestClips.source(
                    file, video.ptsMicros(100), video.ptsMicros(160), Instant.EPOCH, List.of())),
            RenderSettings.builder().overlays(false).build());
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    assertThat(result.streamCopied()).isTrue();
    List<long[]> frames = TestClips.decodeNumbers(result.video(), 320, 240);
    assertThat(frames.get(0)[1]).isEqualTo(90); // the keyframe before frame 100
    assertThat(frames).hasSize(70);
    JsonNode json = new ObjectMapper().readTree(result.sidecar().toFile());
    assertThat(json.path("video").path("streamCopied").asBoolean()).isTrue();
    assertThat(json.path("sources").get(0).path("firstFramePtsMicros").asLong())
        .isEqualTo(video.ptsMicros(90));
    assertThat(json.path("sources").get(0).path("requestedFromMicros").asLong())
        .isEqualTo(video.ptsMicros(100));
    assertThat(json.path("frames")).hasSize(70);
    assertThat(result.thumbnail()).hasValueSatisfying(t -> assertThat(t).exists());
  }
}
