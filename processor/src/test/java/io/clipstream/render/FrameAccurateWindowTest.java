package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.media.SyntheticVideo;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameAccurateWindowTest {

  @TempDir Path dir;

  private final RenderSettings plain = RenderSettings.builder().thumbnail(false).build();

  /** The frames n with from <= pts(n) < to, computed from the ground truth. */
  private static int[] expected(SyntheticVideo video, int frames, long from, long to) {
    return java.util.stream.IntStream.range(0, frames)
        .filter(n -> video.ptsMicros(n) >= from && video.ptsMicros(n) < to)
        .toArray();
  }

  @Test
  void shouldKeepExactlyTheFramesInsideAWindowAtArbitraryPositionsAtAnOddFrameRate()
      throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(30000, 1001).frames(240).gop(30);
    Path file = video.writeTo(dir.resolve("ntsc.mp4"));
    long[][] windows = {
      {1_234_567, 4_300_000},
      {0, 1_000_000},
      {video.ptsMicros(45), video.ptsMicros(100)},
      {video.ptsMicros(45) + 1, video.ptsMicros(100) + 1},
      {7_000_000, 9_000_000}
    };
    try (ClipRenderer renderer = new ClipRenderer()) {
      for (int w = 0; w < windows.length; w++) {
        long from = windows[w][0];
        long to = windows[w][1];
        ClipRequest request =
            TestClips.request(
                dir,
                "w" + w,
                List.of(TestClips.source(file, from, to, Instant.EPOCH, List.of())),
                plain);
        ClipResult result = renderer.render(request);
        int[] want = expected(video, 240, from, to);
        List<long[]> got = TestClips.decodeNumbers(result.video(), 320, 240);
        assertThat(got).as("window %d..%d", from, to).hasSize(want.length);
        for (int i = 0; i < want.length; i++) {
          assertThat(got.get(i)[1]).as("output frame %d of window %d", i, w).isEqualTo(want[i]);
        }
        assertThat(got.get(0)[0]).isZero();
        assertThat(result.frames()).isEqualTo(want.length);
      }
    }
  }

  @Test
  void shouldStartAtTheFirstFrameOfAWindowThatBeginsMidGop() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().fps(25, 1).frames(250).gop(50);
    Path file = video.writeTo(dir.resolve("gop50.mp4"));
    long from = video.ptsMicros(173) - 10; // keyframes at 150 and 200
    long to = video.ptsMicros(190);
    try (ClipRenderer renderer = new ClipRenderer()) {
      ClipResult result =
          renderer.render(
              TestClips.request(
                  dir,
                  "midgop",
                  List.of(TestClips.source(file, from, to, Instant.EPOCH, List.of())),
                  plain));
      List<long[]> got = TestClips.decodeNumbers(result.video(), 320, 240);
      assertThat(got).hasSize(17);
      assertThat(got.get(0)[1]).isEqualTo(173);
      assertThat(got.get(16)[1]).isEqualTo(189);
      // Seeked to keyframe 150, decoded 150..190 at most (the frame at `to` ends the window).
      assertThat(renderer.cache().decodedFrames()).isLessThanOrEqualTo(41);
    }
  }

  @Test
  void shouldFollowVariableFrameTimingInTheOutput() throws Exception {
    // 25 fps grid with every fourth period missing: frames are 40 or 80 ms apart.
    SyntheticVideo video = SyntheticVideo.builder().fps(25, 1).frames(100).pts(n -> n + n / 3);
    Path file = video.writeTo(dir.resolve("vfr.mp4"));
    try (ClipRenderer renderer = new ClipRenderer()) {
      ClipResult result =
          renderer.render(
              TestClips.request(
                  dir,
                  "vfr",
                  List.of(
                      TestClips.source(
                          file,
                          video.ptsMicros(10),
                          video.ptsMicros(40),
                          Instant.EPOCH,
                          List.of())),
                  plain));
      List<long[]> got = TestClips.decodeNumbers(result.video(), 320, 240);
      assertThat(got).hasSize(30);
      for (int i = 0; i < got.size(); i++) {
        int n = (int) got.get(i)[1];
        assertThat(n).isEqualTo(10 + i);
        assertThat(got.get(i)[0]).isEqualTo(video.ptsMicros(n) - video.ptsMicros(10));
      }
    }
  }
}
