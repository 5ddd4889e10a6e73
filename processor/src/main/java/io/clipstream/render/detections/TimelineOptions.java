package io.clipstream.render.detections;

/**
 * How detections are carried between the frames the detector actually saw.
 *
 * @param holdMicros how long after its last observation a box stays visible when it cannot be
 *     interpolated (0: only on the frame it was observed on)
 * @param interpolate move tracked boxes linearly between two observations of the same track
 * @param maxInterpolationGapMicros the longest gap between two observations of a track that is
 *     still interpolated; longer gaps (the track left and came back) are not bridged
 * @param toleranceMicros how far a sample's pts may be from a frame's pts and still count as
 *     observed on it; use half the frame duration of the source ({@link #halfFrameMicros(double)})
 */
public record TimelineOptions(
    long holdMicros, boolean interpolate, long maxInterpolationGapMicros, long toleranceMicros) {

  /** Half a frame at 30 fps: the tolerance when none is given. */
  public static final long DEFAULT_TOLERANCE_MICROS = 16_666;

  /**
   * Durations beyond this (about 36 000 years) are treated as "forever"; keeps pts arithmetic
   * exact.
   */
  static final long FOREVER = 1L << 60;

  public TimelineOptions {
    requireNonNegative("holdMicros", holdMicros);
    requireNonNegative("maxInterpolationGapMicros", maxInterpolationGapMicros);
    requireNonNegative("toleranceMicros", toleranceMicros);
    holdMicros = Math.min(holdMicros, FOREVER);
    maxInterpolationGapMicros = Math.min(maxInterpolationGapMicros, FOREVER);
    toleranceMicros = Math.min(toleranceMicros, FOREVER);
  }

  /** Options with {@link #DEFAULT_TOLERANCE_MICROS}. */
  public TimelineOptions(long holdMicros, boolean interpolate, long maxInterpolationGapMicros) {
    this(holdMicros, interpolate, maxInterpolationGapMicros, DEFAULT_TOLERANCE_MICROS);
  }

  /** The same options with another matching tolerance. */
  public TimelineOptions withToleranceMicros(long tolerance) {
    return new TimelineOptions(holdMicros, interpolate, maxInterpolationGapMicros, tolerance);
  }

  /**
   * Half the frame duration at the given rate, the natural tolerance; 0 for a non-positive rate.
   */
  public static long halfFrameMicros(double framesPerSecond) {
    return framesPerSecond > 0 && Double.isFinite(framesPerSecond)
        ? Math.round(500_000.0 / framesPerSecond)
        : 0;
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}
