package io.clipstream.render;

/**
 * Where a render's time went, for the per-stage latency metrics.
 *
 * @param decodeMillis time the render thread spent on the decoder (reading, decoding and seeking)
 *     for the frames this clip used: all of the decoder's work when it runs inline ({@link
 *     DecodeMode#INLINE}), the part not hidden behind encoding when it runs ahead on its own
 *     thread; a frame shared by several clips of a batch counts fully for each of them
 * @param encodeMillis time drawing the overlays, encoding, and completing the files (flush,
 *     side-car, digest, thumbnail); for a stream copy, the whole copy
 */
public record StageTimes(long decodeMillis, long encodeMillis) {

  public StageTimes {
    if (decodeMillis < 0 || encodeMillis < 0) {
      throw new IllegalArgumentException(
          "Stage times cannot be negative: decode " + decodeMillis + ", encode " + encodeMillis);
    }
  }

  /** From nanosecond counters. */
  static StageTimes ofNanos(long decodeNanos, long encodeNanos) {
    return new StageTimes(decodeNanos / 1_000_000, encodeNanos / 1_000_000);
  }
}
