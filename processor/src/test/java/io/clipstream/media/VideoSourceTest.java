package io.clipstream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSourceTest {

  @TempDir Path dir;

  @Test
  void shouldReportRealPresentationTimesAtAnOddFrameRate() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30000, 1001).frames(60);
    Path file = video.writeTo(dir.resolve("ntsc.mp4"));
    try (VideoSource source = VideoSource.open(file.toString())) {
      assertThat(source.info().frameRate()).isEqualTo(new Rational(30000, 1001));
      List<Long> pts = new ArrayList<>();
      VideoFrame frame;
      int n = 0;
      while ((frame = source.next()) != null) {
        pts.add(frame.ptsMicros());
        assertThat(SyntheticVideo.readFrameNumber(frame.image(), 320, 240)).isEqualTo(n++);
      }
      assertThat(pts).hasSize(60);
      assertThat(pts.get(0)).isZero();
      assertThat(pts.get(1)).isEqualTo(33367L);
      assertThat(pts.get(59)).isEqualTo(video.ptsMicros(59));
    }
  }

  @Test
  void shouldFollowVariableTimingNotFrameCounts() throws Exception {
    // Every third period is skipped: the frame after a gap is two periods later.
    SyntheticVideo video = SyntheticVideo.builder().fps(25, 1).frames(30).pts(n -> n + n / 3);
    Path file = video.writeTo(dir.resolve("vfr.mp4"));
    try (VideoSource source = VideoSource.open(file.toString())) {
      source.seekTo(video.ptsMicros(10));
      VideoFrame frame = source.next();
      assertThat(frame.ptsMicros()).isEqualTo(video.ptsMicros(10)).isEqualTo(520_000L);
      assertThat(SyntheticVideo.readFrameNumber(frame.image(), 320, 240)).isEqualTo(10);
    }
  }

  @Test
  void shouldSeekToTheKeyframeBeforeALateWindowInsteadOfDecodingFromTheStart() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30, 1).frames(600).gop(30);
    Path file = video.writeTo(dir.resolve("long.mp4"));
    try (VideoSource source = VideoSource.open(file.toString())) {
      long from = video.ptsMicros(515); // mid-GOP: the keyframe before it is frame 510
      source.seekTo(from);
      VideoFrame first = source.next();
      assertThat(first.ptsMicros()).isEqualTo(from);
      assertThat(SyntheticVideo.readFrameNumber(first.image(), 320, 240)).isEqualTo(515);
      // Frames 510..515 decoded, not 516 of them.
      assertThat(source.decodedFrames()).isBetween(6L, 8L);
      assertThat(source.seeks()).isEqualTo(1);
    }
  }

  @Test
  void shouldReturnTheFirstFrameAtOrAfterATargetBetweenFrames() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30, 1).frames(90);
    Path file = video.writeTo(dir.resolve("between.mp4"));
    try (VideoSource source = VideoSource.open(file.toString())) {
      source.seekTo(video.ptsMicros(40) + 1);
      assertThat(SyntheticVideo.readFrameNumber(source.next().image(), 320, 240)).isEqualTo(41);
      source.seekTo(video.ptsMicros(40)); // backwards: exactly on a frame
      assertThat(SyntheticVideo.readFrameNumber(source.next().image(), 320, 240)).isEqualTo(40);
    }
  }

  @Test
  void shouldContinueForwardWithoutSeekingWhenTheNextWindowIsInTheSameGop() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30, 1).frames(300).gop(60);
    Path file = video.writeTo(dir.resolve("forward.mp4"));
    try (VideoSource source = VideoSource.open(file.toString())) {
      source.seekTo(video.ptsMicros(130));
      for (int i = 130; i < 140; i++) {
        assertThat(SyntheticVideo.readFrameNumber(source.next().image(), 320, 240)).isEqualTo(i);
      }
      long seeks = source.seeks();
      source.seekTo(video.ptsMicros(150)); // keyframe 120 is behind us: decode on
      assertThat(SyntheticVideo.readFrameNumber(source.next().image(), 320, 240)).isEqualTo(150);
      assertThat(source.seeks()).isEqualTo(seeks);
    }
  }

  @Test
  void shouldNameTheFileWhenItDoesNotExist() {
    assertThatThrownBy(() -> VideoSource.open(dir.resolve("missing.mp4").toString()))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("missing.mp4")
        .hasMessageContaining("no such file");
  }

  @Test
  void shouldExplainWhenTheFileIsNotAVideo() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video at all");
    assertThatThrownBy(() -> VideoSource.open(junk.toString()))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("junk.mp4")
        .hasMessageContaining("avformat_open_input");
  }

  @Test
  void shouldRefuseAPictureNamedLikeAVideo() throws Exception {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Path png = dir.resolve("picture.mp4");
    javax.imageio.ImageIO.write(image, "png", png.toFile());
    assertThatThrownBy(() -> VideoSource.open(png.toString()))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("picture.mp4")
        .hasMessageContaining("still image (FFmpeg reads it with png_pipe), not a video");
  }
}
