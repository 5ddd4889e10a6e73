package io.clipstream.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCopierTest {

  @TempDir Path dir;

  @Test
  void shouldStartTheCopyAtTheKeyframeBeforeTheWindowAndReportIt() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30, 1).frames(300).gop(30);
    Path input = video.writeTo(dir.resolve("in.mp4"));
    CopyResult result =
        StreamCopier.copy(
            List.of(new CopySegment(input.toString(), video.ptsMicros(100), video.ptsMicros(160))),
            dir.resolve("out.mp4"));
    assertThat(result.actualStartMicros()).isEqualTo(video.ptsMicros(90));
    assertThat(result.frames()).isEqualTo(70); // 90..159
    try (VideoSource out = VideoSource.open(result.file().toString())) {
      VideoFrame first = out.next();
      assertThat(first.ptsMicros()).isZero();
      assertThat(SyntheticVideo.readFrameNumber(first.image(), 320, 240)).isEqualTo(90);
    }
    List<String> boxes = Ffprobe.topLevelBoxes(result.file());
    assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
    assertThat(Ffprobe.frameTimes(result.file())).hasSize(70);
  }

  @Test
  void shouldJoinTwoFilesWithContinuousTimestamps() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(25, 1).frames(100).gop(25);
    Path a = video.writeTo(dir.resolve("a.mp4"));
    Path b = video.writeTo(dir.resolve("b.mp4"));
    CopyResult result =
        StreamCopier.copy(
            List.of(
                new CopySegment(a.toString(), 3_000_000, 4_000_000),
                new CopySegment(b.toString(), 0, 1_000_000)),
            dir.resolve("joined.mp4"));
    assertThat(result.frames()).isEqualTo(50);
    List<Double> times = Ffprobe.frameTimes(result.file());
    assertThat(times).hasSize(50);
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1))
          .isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-3));
    }
  }
}
