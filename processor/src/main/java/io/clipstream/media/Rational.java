package io.clipstream.media;

/**
 * An exact frame rate or time base, such as 30000/1001 or 179/6, kept as a fraction because
 * rounding a frame rate to a double drifts by a frame every few minutes.
 */
public record Rational(int num, int den) {

  public Rational {
    if (num <= 0 || den <= 0) {
      throw new IllegalArgumentException("Rational must be positive, got " + num + "/" + den);
    }
    int gcd = gcd(num, den);
    num /= gcd;
    den /= gcd;
  }

  /**
   * The closest fraction with a denominator up to 1001000 (FFmpeg's av_d2q convention for frame
   * rates).
   */
  public static Rational of(double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Frame rate must be positive, got " + value);
    }
    org.bytedeco.ffmpeg.avutil.AVRational r =
        org.bytedeco.ffmpeg.global.avutil.av_d2q(value, 1001000);
    return new Rational(r.num(), r.den());
  }

  public double toDouble() {
    return (double) num / den;
  }

  /**
   * Microseconds of {@code ticks} periods of this rate (a frame rate's period is den/num seconds).
   */
  public long ticksToMicros(long ticks) {
    return Math.round(ticks * 1_000_000.0 * den / num);
  }

  /** The nearest tick (period of this rate) to a duration in microseconds. */
  public long microsToTicks(long micros) {
    return Math.round(micros * (double) num / (den * 1_000_000.0));
  }

  /** This rate divided by a positive factor (a time-lapse stride), as an exact fraction. */
  public Rational dividedBy(double factor) {
    return of(toDouble() / factor);
  }

  @Override
  public String toString() {
    return den == 1 ? Integer.toString(num) : num + "/" + den;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
