package io.clipstream.media;

import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;

/**
 * The demuxer's keyframe index of one stream (MP4 files carry a complete one), used to decide
 * whether a target is reached more cheaply by seeking or by decoding on from where the decoder
 * already is. Entry times are decode timestamps, which is precise enough for that decision.
 */
final class SeekIndex {

  private final AVStream stream;
  private final long startTicks;

  SeekIndex(AVStream stream) {
    this.stream = stream;
    this.startTicks = StreamInfo.startTicks(stream);
  }

  boolean isEmpty() {
    return avformat.avformat_index_get_entries_count(stream) == 0;
  }

  /** Local time of the first keyframe in the index (0 when there is no index). */
  long firstKeyframe() {
    return isEmpty() ? 0 : keyframeAtOrBefore(Long.MIN_VALUE / 4);
  }

  /**
   * Local time of the last indexed keyframe at or before {@code micros}; the first keyframe when
   * none is.
   */
  long keyframeAtOrBefore(long micros) {
    long ticks =
        startTicks
            + Math.round(
                micros / 1_000_000.0 * stream.time_base().den() / stream.time_base().num());
    int i = avformat.av_index_search_timestamp(stream, ticks, avformat.AVSEEK_FLAG_BACKWARD);
    if (i < 0) {
      i = 0;
    }
    AVIndexEntry entry = avformat.avformat_index_get_entry(stream, i);
    if (entry == null) {
      return 0;
    }
    return Math.round(
        (entry.timestamp() - startTicks)
            * 1_000_000.0
            * stream.time_base().num()
            / stream.time_base().den());
  }
}
