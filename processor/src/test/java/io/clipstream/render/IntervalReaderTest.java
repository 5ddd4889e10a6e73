package io.clipstream.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.media.VideoFrame;
import io.clipstream.media.YuvFrames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IntervalReaderTest {

  @Test
  void shouldReadEachIntervalFromItsStartToJustBeforeItsEnd() {
    TimesCursor cursor = new TimesCursor(100);
    IntervalReader reader = new IntervalReader(cursor, List.of(wanted(50, 80), wanted(300, 330)));

    assertThat(times(reader)).containsExactly(50L, 60L, 70L, 300L, 310L, 320L);
    assertThat(cursor.seeks).containsExactly(50L, 300L);
  }

  @Test
  void shouldLeaveTheFirstFramePastAnIntervalForTheNextOne() {
    TimesCursor cursor = new TimesCursor(100);
    IntervalReader reader = new IntervalReader(cursor, List.of(wanted(0, 20), wanted(20, 40)));

    assertThat(times(reader)).containsExactly(0L, 10L, 20L, 30L);
  }

  @Test
  void shouldSkipTheRestOfAnIntervalNobodyWantsAnyMore() {
    TimesCursor cursor = new TimesCursor(100);
    AtomicBoolean wanted = new AtomicBoolean(true);
    IntervalReader reader =
        new IntervalReader(
            cursor, List.of(new DecodeAhead.Interval(0, 500, wanted::get), wanted(700, 720)));

    assertThat(reader.next().ptsMicros()).isZero();
    wanted.set(false);
    assertThat(reader.next().ptsMicros()).isEqualTo(700L);
    assertThat(cursor.read).isEqualTo(2);
  }

  @Test
  void shouldEndWhenTheFileEndsInsideAnInterval() {
    TimesCursor cursor = new TimesCursor(5);
    IntervalReader reader = new IntervalReader(cursor, List.of(wanted(20, 500), wanted(600, 700)));

    assertThat(times(reader)).containsExactly(20L, 30L, 40L);
    assertThat(reader.next()).isNull();
    assertThat(cursor.seeks).containsExactly(20L); // nothing after the end of the file
  }

  private static DecodeAhead.Interval wanted(long from, long to) {
    return new DecodeAhead.Interval(from, to, () -> true);
  }

  private static List<Long> times(IntervalReader reader) {
    List<Long> times = new ArrayList<>();
    VideoFrame frame;
    while ((frame = reader.next()) != null) {
      times.add(frame.ptsMicros());
    }
    return times;
  }

  /**
   * A file of {@code frames} frames, one every 10 µs; seeking lands on the first frame at or after.
   */
  private static final class TimesCursor implements FrameCursor {
    private final int frames;
    private final YuvFrames.Packed picture = YuvFrames.allocatePackedOnHeap(2, 2);
    final List<Long> seeks = new ArrayList<>();
    int read;
    private long index;

    TimesCursor(int frames) {
      this.frames = frames;
    }

    @Override
    public void seekTo(long fromMicros) {
      seeks.add(fromMicros);
      index = (fromMicros + 9) / 10;
    }

    @Override
    public VideoFrame next() {
      if (index >= frames) {
        return null;
      }
      read++;
      return new VideoFrame(10 * index++, picture.image(), false);
    }

    @Override
    public void pushBack() {
      index--;
    }
  }
}
