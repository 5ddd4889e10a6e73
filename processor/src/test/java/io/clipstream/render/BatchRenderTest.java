package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.media.SyntheticVideo;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.RenderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRenderTest {

  @TempDir Path dir;

  private final RenderSettings plain = RenderSettings.builder().thumbnail(false).build();

  @Test
  void shouldDecodeASixtySecondSourceOnceForFiveOverlappingClips() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().size(160, 120).fps(10, 1).frames(600).gop(20);
    Path file = video.writeTo(dir.resolve("sixty.mp4"));
    long[][] windows = {
      {0, 15}, {10, 25}, {20, 40}, {35, 50}, {45, 60}
    }; // seconds; overlapping, covering all
    List<ClipRequest> requests = new ArrayList<>();
    for (int i = 0; i < windows.length; i++) {
      requests.add(
          TestClips.request(
              dir,
              "event_" + i,
              List.of(
                  TestClips.source(
                      file,
                      windows[i][0] * 1_000_000,
                      windows[i][1] * 1_000_000,
                      Instant.EPOCH,
                      List.of())),
              plain));
    }
    List<ClipOutcome> outcomes;
    try (ClipRenderer renderer = new ClipRenderer()) {
      outcomes = renderer.renderAll(requests);
      assertThat(renderer.cache().decodedFrames()).isEqualTo(600); // every frame exactly once
    }
    for (int i = 0; i < windows.length; i++) {
      ClipResult result = outcomes.get(i).result().orElseThrow();
      List<long[]> frames = TestClips.decodeNumbers(result.video(), 160, 120);
      assertThat(frames).hasSize((int) (windows[i][1] - windows[i][0]) * 10);
      assertThat(frames.get(0)[1]).isEqualTo(windows[i][0] * 10);
      assertThat(frames.get(frames.size() - 1)[1]).isEqualTo(windows[i][1] * 10 - 1);
      // Decode and encode are parts of this clip's render time (shared frames count for each clip).
      StageTimes stages = result.stages();
      assertThat(stages.encodeMillis()).as("encode of %d frames", frames.size()).isPositive();
      assertThat(stages.decodeMillis() + stages.encodeMillis())
          .isLessThanOrEqualTo(result.renderMillis() + 1);
    }
  }

  @Test
  void shouldKeepRenderingTheOtherClipsWhenOneFails() throws Exception {
    Path file = SyntheticVideo.builder().frames(60).writeTo(dir.resolve("ok.mp4"));
    List<ClipRequest> requests =
        List.of(
            TestClips.request(
                dir,
                "good",
                List.of(TestClips.source(file, 0, 1_000_000, Instant.EPOCH, List.of())),
                plain),
            TestClips.request(
                dir,
                "missing",
                List.of(
                    TestClips.source(
                        dir.resolve("nope.mp4"), 0, 1_000_000, Instant.EPOCH, List.of())),
                plain),
            TestClips.request(
                dir,
                "late",
                List.of(TestClips.source(file, 50_000_000, 51_000_000, Instant.EPOCH, List.of())),
                plain));
    try (ClipRenderer renderer = new ClipRenderer()) {
      List<ClipOutcome> outcomes = renderer.renderAll(requests);
      assertThat(outcomes.get(0).succeeded()).isTrue();
      assertThat(outcomes.get(1).failure())
          .hasValueSatisfying(
              e ->
                  assertThat(e)
                      .isInstanceOf(RenderException.class)
                      .hasMessageContaining("nope.mp4"));
      assertThat(((RenderException) outcomes.get(1).failure().get()).reason())
          .isEqualTo(RenderException.Reason.SOURCE_UNREADABLE);
      assertThat(((RenderException) outcomes.get(2).failure().get()).reason())
          .isEqualTo(RenderException.Reason.WINDOW_OUTSIDE_SOURCE);
      assertThat(outcomes.get(2).failure().get()).hasMessageContaining("starts after the end");
    }
  }
}
