package io.clipstream.media;

import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * Converts between a stream's ticks (its time base, absolute) and local microseconds (0 = stream
 * start).
 */
final class Timeline {

  private final long startTicks;
  private final int num;
  private final int den;

  Timeline(AVStream stream) {
    this.startTicks = StreamInfo.startTicks(stream);
    this.num = stream.time_base().num();
    this.den = stream.time_base().den();
  }

  long ticks(long localMicros) {
    return startTicks + Math.round(localMicros / 1_000_000.0 * den / num);
  }

  long micros(long ticks) {
    return Math.round((ticks - startTicks) * 1_000_000.0 * num / den);
  }
}
