package io.clipstream.render.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.media.Rational;
import io.clipstream.render.detections.DetectionSample;
import io.clipstream.render.detections.SourceDetection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionsJsonlTest {

  @TempDir Path dir;
  private final Rational ntsc = new Rational(30000, 1001);

  private Path write(String... lines) throws Exception {
    return Files.writeString(dir.resolve("dets.jsonl"), String.join("\n", lines) + "\n");
  }

  @Test
  void shouldGroupConsecutiveLinesOfOneFrameAndPlaceFrameIndicesAtTheirFrameTime()
      throws Exception {
    List<DetectionSample> samples =
        DetectionsJsonl.read(
            write(
                "{\"frame_idx\": 5, \"bbox\": [0, 0, 10, 10], \"label\": \"a\", \"track_id\": 3, \"score\": 0.5}",
                "",
                "{\"frame_idx\": 5, \"bbox\": [10, 10, 20, 20.5], \"label\": \"b\", \"color\": [255, 128, 0]}",
                "{\"frame_idx\": 6, \"bbox\": [0, 0, 10, 10], \"label\": \"c\"}"),
            ntsc);
    assertThat(samples).hasSize(2);
    assertThat(samples.get(0).ptsMicros()).isEqualTo(166_833); // 5 * 1001 / 30000 s
    SourceDetection a = samples.get(0).detections().get(0);
    assertThat(a.trackId()).hasValue(3);
    assertThat(a.score()).isEqualTo(0.5f);
    SourceDetection b = samples.get(0).detections().get(1);
    assertThat(b.y2()).isEqualTo(20.5f);
    assertThat(b.color()).hasValue(0xFF8000);
    assertThat(b.trackId()).isEmpty();
    assertThat(samples.get(1).detections()).extracting(SourceDetection::label).containsExactly("c");
  }

  @Test
  void shouldReadTimestampsInSecondsFromTheFileStart() throws Exception {
    List<DetectionSample> samples =
        DetectionsJsonl.read(
            write("{\"ts\": 12.5, \"bbox\": [0, 0, 10, 10], \"label\": \"x\"}"), ntsc);
    assertThat(samples.get(0).ptsMicros()).isEqualTo(12_500_000);
  }

  @Test
  void shouldNameFileAndLineOfABadLine() throws Exception {
    Path file =
        write(
            "{\"frame_idx\": 0, \"bbox\": [0,0,10,10], \"label\": \"ok\"}",
            "{\"frame_idx\": 1, \"label\": \"missing-bbox\"}");
    assertThatThrownBy(() -> DetectionsJsonl.read(file, ntsc))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("dets.jsonl:2 ")
        .hasMessageContaining("'bbox' must be a list of 4");
  }

  @Test
  void shouldRejectBrokenJsonMissingKeysAndBadColours() throws Exception {
    assertThatThrownBy(() -> DetectionsJsonl.read(write("{\"frame_idx\": 0, BROKEN"), ntsc))
        .hasMessageContaining(":1 invalid JSON");
    assertThatThrownBy(
            () -> DetectionsJsonl.read(write("{\"bbox\": [0,0,1,1], \"label\": \"x\"}"), ntsc))
        .hasMessageContaining("needs 'frame_idx' or 'ts'");
    assertThatThrownBy(
            () ->
                DetectionsJsonl.read(
                    write(
                        "{\"ts\": 0, \"bbox\": [0,0,1,1], \"label\": \"x\", \"color\": [255, 0]}"),
                    ntsc))
        .hasMessageContaining("'color' must be a 3-element list");
    assertThatThrownBy(
            () ->
                DetectionsJsonl.read(
                    write("{\"ts\": 0, \"bbox\": [0,0,1,\"four\"], \"label\": \"x\"}"), ntsc))
        .hasMessageContaining("'bbox' values must be numeric");
  }

  @Test
  void shouldSayWhenTheFileDoesNotExist() {
    assertThatThrownBy(() -> DetectionsJsonl.read(dir.resolve("none.jsonl"), ntsc))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("not found")
        .hasMessageContaining("none.jsonl");
  }
}
