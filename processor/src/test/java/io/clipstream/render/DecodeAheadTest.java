package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.media.MediaException;
import io.clipstream.media.SyntheticVideo;
import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;
import io.clipstream.media.YuvFrames;
import io.clipstream.render.request.RenderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeAheadTest {

  private static final int W = 320;
  private static final int H = 240;

  @TempDir Path dir;

  @Test
  void shouldHandOverExactlyTheFramesOfEachIntervalInPresentationOrder() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().size(W, H).fps(25, 1).frames(100).gop(25);
    Path file = video.writeTo(dir.resolve("numbered.mp4"));
    List<Integer> numbers = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    try (VideoSource source = VideoSource.open(file.toString());
        DecodeAhead ahead =
            new DecodeAhead(
                FrameCursor.of(source),
                List.of(
                    interval(video.ptsMicros(5), video.ptsMicros(20)),
                    interval(video.ptsMicros(60), video.ptsMicros(70))),
                W,
                H,
                "numbered.mp4")) {
      VideoFrame frame;
      while ((frame = ahead.next()) != null) {
        numbers.add(SyntheticVideo.readFrameNumber(frame.image(), W, H));
        times.add(frame.ptsMicros());
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int n = 5; n < 20; n++) {
      expected.add(n);
    }
    for (int n = 60; n < 70; n++) {
      expected.add(n);
    }
    assertThat(numbers).containsExactlyElementsOf(expected); // pixels and order
    assertThat(times)
        .containsExactlyElementsOf(expected.stream().map(n -> video.ptsMicros(n)).toList());
  }

  @Test
  void shouldKeepAHeldFrameIntactWhileTheDecoderRunsAhead() throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().size(W, H).fps(25, 1).frames(60).gop(25);
    Path file = video.writeTo(dir.resolve("held.mp4"));
    try (VideoSource source = VideoSource.open(file.toString());
        DecodeAhead ahead =
            new DecodeAhead(
                FrameCursor.of(source), List.of(interval(0, Long.MAX_VALUE)), W, H, "held.mp4")) {
      VideoFrame first = ahead.next();
      awaitTrue(ahead::waitingForPicture); // the decoder has moved on to later frames
      // The decoder overwrote its own picture several times since: the frame is a copy.
      assertThat(SyntheticVideo.readFrameNumber(first.image(), W, H)).isZero();
      assertThat(ahead.next().ptsMicros()).isEqualTo(video.ptsMicros(1));
    }
  }

  @Test
  void shouldDecodeNoMoreThanThePoolAheadOfARenderThreadThatDoesNotTakeFrames() throws Exception {
    NumberedCursor cursor = new NumberedCursor(500, -1);
    try (DecodeAhead ahead =
        new DecodeAhead(cursor, List.of(interval(0, Long.MAX_VALUE)), W, H, "bound")) {
      awaitTrue(ahead::waitingForPicture);
      assertThat(ahead.framesRead()).isEqualTo(DecodeAhead.FRAMES);
      assertThat(ahead.next().ptsMicros()).isZero();
      assertThat(ahead.next().ptsMicros()).isEqualTo(1); // returns the first picture to the pool
      awaitTrue(() -> ahead.waitingForPicture() && ahead.framesRead() > DecodeAhead.FRAMES);
      assertThat(ahead.framesRead()).isEqualTo(DecodeAhead.FRAMES + 1);
    }
    assertThat(cursor.read).isLessThanOrEqualTo(DecodeAhead.FRAMES + 2);
  }

  @Test
  void shouldThrowTheDecodersOwnErrorAfterTheFramesDecodedBeforeIt() throws Exception {
    NumberedCursor cursor = new NumberedCursor(100, 3);
    try (DecodeAhead ahead =
        new DecodeAhead(cursor, List.of(interval(0, Long.MAX_VALUE)), W, H, "broken")) {
      assertThat(ahead.next().ptsMicros()).isZero();
      assertThat(ahead.next().ptsMicros()).isEqualTo(1);
      assertThat(ahead.next().ptsMicros()).isEqualTo(2);
      assertThatThrownBy(ahead::next).isSameAs(cursor.failure);
      assertThat(ahead.next()).isNull(); // and the pass is over
    }
    assertThat(decodeThreads()).isEmpty();
  }

  @Test
  void shouldStopDecodingAnIntervalOnceNoClipWantsIt() throws Exception {
    NumberedCursor cursor = new NumberedCursor(10_000, -1);
    AtomicBoolean wanted = new AtomicBoolean(true);
    try (DecodeAhead ahead =
        new DecodeAhead(
            cursor,
            List.of(new DecodeAhead.Interval(0, Long.MAX_VALUE, wanted::get)),
            W,
            H,
            "abandoned")) {
      ahead.next();
      ahead.next();
      wanted.set(false); // as when the clip's encoder failed
      int more = 0;
      while (ahead.next() != null) {
        more++;
      }
      assertThat(more).isLessThanOrEqualTo(DecodeAhead.FRAMES);
    }
    assertThat(cursor.read).isLessThanOrEqualTo(2 + DecodeAhead.FRAMES + 1);
  }

  @Test
  void shouldEndItsThreadWhenClosedInTheMiddleOfAPass() throws Exception {
    NumberedCursor cursor = new NumberedCursor(10_000, -1);
    DecodeAhead ahead =
        new DecodeAhead(cursor, List.of(interval(0, Long.MAX_VALUE)), W, H, "closed early");
    ahead.next();
    assertThat(decodeThreads()).isNotEmpty();
    ahead.close();
    assertThat(decodeThreads()).isEmpty();
    long readAtClose = cursor.read;
    assertThat(readAtClose).isLessThan(10_000); // stopped, not drained
    assertThat(cursor.read).isEqualTo(readAtClose); // and it does not read on behind our back
  }

  @Test
  void shouldRenderTheSameFramesDecodingAheadOrInlineAndLeaveNoDecodeThreadBehind()
      throws Exception {
    SyntheticVideo video = SyntheticVideo.builder().size(W, H).fps(10, 1).frames(100).gop(20);
    Path file = video.writeTo(dir.resolve("batch.mp4"));
    RenderSettings plain = RenderSettings.builder().thumbnail(false).build();
    List<io.clipstream.render.request.ClipRequest> requests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      requests.add(
          TestClips.request(
              dir,
              "clip_" + i,
              List.of(
                  TestClips.source(
                      file, i * 3_000_000L, i * 3_000_000L + 4_000_000L, Instant.EPOCH, List.of())),
              plain));
    }
    for (DecodeMode mode : DecodeMode.values()) {
      List<ClipOutcome> outcomes;
      try (ClipRenderer renderer = new ClipRenderer(new DecoderCache(4), mode)) {
        outcomes = renderer.renderAll(requests);
      }
      for (int i = 0; i < 3; i++) {
        List<long[]> frames =
            TestClips.decodeNumbers(outcomes.get(i).result().orElseThrow().video(), W, H);
        assertThat(frames).as(mode + " clip " + i).hasSize(40);
        for (int f = 0; f < 40; f++) { // every frame's own picture, in order, in either mode
          assertThat(frames.get(f)[1])
              .as(mode + " clip " + i + " frame " + f)
              .isEqualTo(i * 30L + f);
        }
      }
      assertThat(decodeThreads()).isEmpty();
    }
  }

  private static DecodeAhead.Interval interval(long from, long to) {
    return new DecodeAhead.Interval(from, to, () -> true);
  }

  private static List<String> decodeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("decode-ahead"))
        .toList();
  }

  /** Waits (generously: the machine may be loaded) for a condition that must come true. */
  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition never came true");
      }
      Thread.sleep(1);
    }
  }

  /**
   * Frames whose presentation time is their number (luma = number), failing on cue: the decoder's
   * errors in a form a test can time exactly.
   */
  private static final class NumberedCursor implements FrameCursor {
    private final int frames;
    private final int failAt;
    private final YuvFrames.Packed picture = YuvFrames.allocatePackedOnHeap(W, H);
    final MediaException failure =
        new MediaException(
            "av_read_frame/avcodec_receive_frame",
            -1094995529,
            "broken.mp4",
            "the file is corrupt");
    volatile long read;
    private long position;

    NumberedCursor(int frames, int failAt) {
      this.frames = frames;
      this.failAt = failAt;
    }

    @Override
    public void seekTo(long fromMicros) {
      position = fromMicros;
    }

    @Override
    public VideoFrame next() {
      if (position == failAt) {
        throw failure;
      }
      if (position >= frames) {
        return null;
      }
      read++;
      picture.image().y().put(0, (byte) position);
      return new VideoFrame(position++, picture.image(), false);
    }

    @Override
    public void pushBack() {
      position--;
    }
  }
}
