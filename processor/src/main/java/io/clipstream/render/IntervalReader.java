package io.clipstream.render;

import io.clipstream.media.VideoFrame;
import java.util.List;

/**
 * Reads the frames of a pass's intervals from one decoder in presentation order, on the calling
 * thread: seeks to each interval's start (the decoder decodes on instead when it is close), stops
 * an interval at its end or once nobody wants it, and leaves the first frame past an interval for
 * the next one. Both ways of decoding a pass ({@link DecodeAhead} and {@link DecodeInline}) walk
 * the intervals through it.
 */
final class IntervalReader {

  private final FrameCursor cursor;
  private final List<DecodeAhead.Interval> intervals;
  private int index;
  private boolean positioned;
  private boolean ended;
  private long busyNanos;

  IntervalReader(FrameCursor cursor, List<DecodeAhead.Interval> intervals) {
    this.cursor = cursor;
    this.intervals = List.copyOf(intervals);
  }

  /**
   * The next frame of the intervals (a view the decoder overwrites on the next call), or null when
   * they are over or the file ended.
   */
  VideoFrame next() {
    while (!ended && index < intervals.size()) {
      DecodeAhead.Interval interval = intervals.get(index);
      if (!interval.wanted().getAsBoolean()) {
        nextInterval();
        continue;
      }
      long start = System.nanoTime();
      if (!positioned) {
        cursor.seekTo(interval.from());
        positioned = true;
      }
      VideoFrame frame = cursor.next();
      busyNanos += System.nanoTime() - start;
      if (frame == null) {
        ended = true;
        return null;
      }
      if (frame.ptsMicros() < interval.to()) {
        return frame;
      }
      cursor.pushBack(); // the next interval, or the next user of this decoder, starts with it
      nextInterval();
    }
    return null;
  }

  private void nextInterval() {
    index++;
    positioned = false;
  }

  /** Time spent in the decoder (seeking and decoding) so far. */
  long busyNanos() {
    return busyNanos;
  }
}
