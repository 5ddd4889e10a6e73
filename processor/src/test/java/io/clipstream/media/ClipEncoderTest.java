package io.clipstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipEncoderTest {

  @TempDir Path dir;

  private Path encode(
      Path target, int width, int height, Rational fps, EncoderSettings settings, int frames)
      throws Exception {
    Path input =
        SyntheticVideo.builder().size(width, height).frames(frames).writeTo(dir.resolve("in.mp4"));
    try (VideoSource source = VideoSource.open(input.toString());
        ClipEncoder encoder = ClipEncoder.open(target, width, height, fps, settings)) {
      VideoFrame frame;
      long pts = 0;
      while ((frame = source.next()) != null) {
        YuvFrames.copy(frame.image(), encoder.canvas());
        encoder.write(pts++);
      }
      return encoder.finish();
    }
  }

  @Test
  void shouldWriteHighProfileYuv420pFastStartWithAKeyframeAtLeastEveryTwoSeconds()
      throws Exception {
    Path out =
        encode(
            dir.resolve("clip.mp4"),
            320,
            240,
            new Rational(30000, 1001),
            EncoderSettings.defaults(),
            200);
    JsonNode stream = Ffprobe.videoStream(out);
    assertThat(stream.path("codec_name").asText()).isEqualTo("h264");
    assertThat(stream.path("profile").asText()).isEqualTo("High");
    assertThat(stream.path("pix_fmt").asText()).isEqualTo("yuv420p");
    assertThat(stream.path("r_frame_rate").asText()).isEqualTo("30000/1001");
    List<String> boxes = Ffprobe.topLevelBoxes(out);
    assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
    List<Double> keys = Ffprobe.keyframeTimes(out);
    assertThat(keys.get(0)).isZero();
    for (int i = 1; i < keys.size(); i++) {
      assertThat(keys.get(i) - keys.get(i - 1)).isLessThanOrEqualTo(2.0);
    }
    assertThat(Ffprobe.frameTimes(out)).hasSize(200);
    // Moved into place from a temporary file, yet readable by others (a web server, a sync job).
    assertThat(java.nio.file.Files.getPosixFilePermissions(out))
        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
  }

  @Test
  void shouldCropOddSizesToEven() throws Exception {
    Path out =
        encode(
            dir.resolve("odd.mp4"), 321, 241, new Rational(25, 1), EncoderSettings.defaults(), 10);
    JsonNode stream = Ffprobe.videoStream(out);
    assertThat(stream.path("width").asInt()).isEqualTo(320);
    assertThat(stream.path("height").asInt()).isEqualTo(240);
  }

  @Test
  void shouldFallBackToOpenH264() throws Exception {
    Path out =
        encode(
            dir.resolve("openh264.mp4"),
            320,
            240,
            new Rational(25, 1),
            EncoderSettings.defaults().withCodec(VideoCodec.OPENH264),
            30);
    JsonNode stream = Ffprobe.videoStream(out);
    assertThat(stream.path("codec_name").asText()).isEqualTo("h264");
    assertThat(stream.path("pix_fmt").asText()).isEqualTo("yuv420p");
    assertThat(Ffprobe.frameTimes(out)).hasSize(30);
  }

  @Test
  void shouldLeaveNothingBehindWhenNotFinished() throws Exception {
    Path target = dir.resolve("aborted.mp4");
    try (ClipEncoder encoder =
        ClipEncoder.open(target, 64, 64, new Rational(25, 1), EncoderSettings.defaults())) {
      encoder.write(0);
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".part"));
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void shouldRefuseTimesThatDoNotIncrease() {
    try (ClipEncoder encoder =
        ClipEncoder.open(
            dir.resolve("x.mp4"), 64, 64, new Rational(25, 1), EncoderSettings.defaults())) {
      encoder.write(5);
      assertThatThrownBy(() -> encoder.write(5)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldExplainWhenNvencCannotStart() throws Exception {
    Path target = dir.resolve("nvenc.mp4");
    try (ClipEncoder encoder =
        ClipEncoder.open(
            target,
            320,
            240,
            new Rational(25, 1),
            EncoderSettings.defaults().withCodec(VideoCodec.NVENC))) {
      encoder.write(0);
      assertThat(encoder.finish()).exists(); // a machine with an NVIDIA GPU
    } catch (MediaException e) {
      // What FFmpeg logged while trying (on a machine without a GPU: that libcuda is missing) is
      // part of the message, and the hint follows from it.
      assertThat(e.getMessage()).contains("h264_nvenc").contains("FFmpeg said: ");
      assertThat(e.getMessage()).contains(NvencDiagnosis.explain(FFmpegRuntime.errorLines()));
      assertThat(target).doesNotExist();
    }
  }
}
