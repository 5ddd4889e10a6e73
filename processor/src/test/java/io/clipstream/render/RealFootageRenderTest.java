package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.media.Ffprobe;
import io.clipstream.media.Rational;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.input.DetectionsJsonl;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on real recordings (CC BY 4.0, Intel sample videos), checked by ffprobe. */
class RealFootageRenderTest {

  @TempDir Path dir;

  @Test
  void shouldRenderTheOfficeFootageWithItsDetectionsIntoAClipThatPlaysAnywhere() throws Exception {
    Path video = RealFootage.file("one-by-one-person-detection.mp4");
    Path jsonl = RealFootage.file("one-by-one-person-detection.jsonl");
    List<DetectionSample> detections = DetectionsJsonl.read(jsonl, new Rational(10, 1));
    Instant zero = Instant.parse("2024-05-24T05:53:00Z");
    SourceSlice source = new SourceSlice(video.toString(), 5_000_000, 25_000_000, zero, detections);
    ClipRequest request =
        new ClipRequest(
            "office-1",
            "office-cam",
            List.of(source),
            new EventWindow(zero.plusSeconds(6), zero.plusSeconds(12)),
            Set.of(2L),
            RenderSettings.defaults(),
            dir,
            "office-1");
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    JsonNode stream = Ffprobe.videoStream(result.video());
    assertThat(stream.path("profile").asText()).isEqualTo("High");
    assertThat(stream.path("pix_fmt").asText()).isEqualTo("yuv420p");
    assertThat(stream.path("width").asInt()).isEqualTo(768);
    List<String> boxes = Ffprobe.topLevelBoxes(result.video());
    assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
    List<Double> keys = Ffprobe.keyframeTimes(result.video());
    for (int i = 1; i < keys.size(); i++) {
      assertThat(keys.get(i) - keys.get(i - 1)).isLessThanOrEqualTo(2.0);
    }
    assertThat(Ffprobe.frameTimes(result.video())).hasSize(200);
    JsonNode sidecar = new ObjectMapper().readTree(result.sidecar().toFile());
    List<String> origins = new ArrayList<>();
    sidecar
        .path("frames")
        .forEach(f -> f.path("boxes").forEach(b -> origins.add(b.path("origin").asText())));
    assertThat(origins).contains("observed", "interpolated");
    assertThat(result.thumbnail()).isPresent();
    int thumbFrame = sidecar.path("thumbnail").path("frame").asInt();
    assertThat(thumbFrame)
        .isBetween(10, 69); // inside the event (6 s .. 12 s of a clip starting at 5 s)
  }

  @Test
  void shouldCutTheOddFrameRateFootageExactlyByItsTimestamps() throws Exception {
    Path video = RealFootage.file("bottle-detection.mp4");
    long from = 7_300_000;
    long to = 12_100_000;
    List<Long> expected = new ArrayList<>(); // ffprobe's own reading of the source
    for (double t : Ffprobe.frameTimes(video)) {
      long micros = Math.round(t * 1e6);
      if (micros >= from && micros < to) {
        expected.add(micros);
      }
    }
    ClipRequest request =
        new ClipRequest(
            "bottle",
            "cam",
            List.of(SourceSlice.of(video.toString(), from, to)),
            new EventWindow(Instant.EPOCH.plusMillis(7300), Instant.EPOCH.plusMillis(12100)),
            Set.of(),
            RenderSettings.builder().thumbnail(false).build(),
            dir,
            "bottle");
    ClipResult result;
    try (ClipRenderer renderer = new ClipRenderer()) {
      result = renderer.render(request);
    }
    JsonNode frames = new ObjectMapper().readTree(result.sidecar().toFile()).path("frames");
    assertThat(frames).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(frames.get(i).path("sourcePtsMicros").asLong())
          .isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1L));
    }
    assertThat(Ffprobe.frameTimes(result.video())).hasSize(expected.size());
    assertThat(result.frameRate()).isEqualTo(new Rational(179, 6));
  }
}
