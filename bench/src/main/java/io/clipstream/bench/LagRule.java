package io.clipstream.bench;

import java.util.List;
import java.util.Locale;

/**
 * When a queue sampled over a sustained run counts as bounded: over the judged window (the last
 * third of the run), the least-squares line through the samples rises by at most {@code
 * allowedRise}, and the final level (the mean of the last three samples, so that one sample taken
 * in the middle of a commit does not decide) is at most {@code bound}.
 *
 * <p>Why both: a queue that grows without bound, however slowly, shows as a rising line (a 1 %
 * shortfall of a planner fed 100 records/s rises by 100 records over a 100 s window); a queue that
 * is flat but large (the service fell behind earlier and never caught up) shows as a high final
 * level. Measuring the rise over the window, rather than thresholding the slope, keeps the rule
 * from calling jitter around zero growth in a short window.
 */
final class LagRule {

  /** Samples at the end of the window that make the final level. */
  static final int FINAL_SAMPLES = 3;

  /** Fewer samples than this in the window: not judged bounded (too little to tell). */
  static final int MIN_SAMPLES = 4;

  private LagRule() {}

  /** One sample: seconds from the start of the run, and the queue's size then. */
  record Point(double seconds, double value) {}

  /**
   * What is allowed of one queue.
   *
   * @param what the queue and its unit, for the verdict's reason ("planner input lag (s of input)")
   * @param bound the largest final level still bounded
   * @param allowedRise the largest rise of the fitted line across the window still bounded
   */
  record Limits(String what, double bound, double allowedRise) {
    Limits {
      if (!(bound >= 0) || !(allowedRise >= 0)) {
        throw new IllegalArgumentException("bound and allowed rise must be at least 0");
      }
    }
  }

  /**
   * The fitted line over the window and the queue's size at its end.
   *
   * @param slopePerSecond least-squares slope, in the queue's unit per second
   * @param rise the slope times the window's length (first to last sample)
   * @param finalLevel the mean of the last {@link #FINAL_SAMPLES} samples
   * @param max the largest sample
   * @param samples how many samples the window holds
   */
  record Trend(double slopePerSecond, double rise, double finalLevel, double max, int samples) {}

  record Verdict(boolean bounded, Trend trend, String reason) {}

  /** The trend of {@code points} (at least two, not all at the same instant). */
  static Trend trend(List<Point> points) {
    int n = points.size();
    if (n < 2) {
      throw new IllegalArgumentException("a trend needs at least two samples, got " + n);
    }
    double meanT = 0;
    double meanV = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      meanT += p.seconds();
      meanV += p.value();
      max = Math.max(max, p.value());
    }
    meanT /= n;
    meanV /= n;
    double sxy = 0;
    double sxx = 0;
    for (Point p : points) {
      sxy += (p.seconds() - meanT) * (p.value() - meanV);
      sxx += (p.seconds() - meanT) * (p.seconds() - meanT);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("the samples must span some time");
    }
    double slope = sxy / sxx;
    double span = points.get(n - 1).seconds() - points.get(0).seconds();
    double last = 0;
    int k = Math.min(FINAL_SAMPLES, n);
    for (int i = n - k; i < n; i++) {
      last += points.get(i).value();
    }
    return new Trend(slope, slope * span, last / k, max, n);
  }

  /** Judges the samples of {@code points} taken within {@code [from, to]} seconds. */
  static Verdict judge(List<Point> points, double from, double to, Limits limits) {
    List<Point> window =
        points.stream().filter(p -> p.seconds() >= from && p.seconds() <= to).toList();
    if (window.size() < MIN_SAMPLES) {
      return new Verdict(
          false,
          null,
          String.format(
              Locale.ROOT,
              "%s: only %d samples in %.0f-%.0f s (at least %d needed)",
              limits.what(),
              window.size(),
              from,
              to,
              MIN_SAMPLES));
    }
    Trend t = trend(window);
    boolean rising = t.rise() > limits.allowedRise();
    boolean high = t.finalLevel() > limits.bound();
    String reason =
        String.format(
            Locale.ROOT,
            "%s: line rises %.2f over %.0f-%.0f s (allowed %.2f), final level %.2f (bound %.2f)",
            limits.what(),
            t.rise(),
            window.get(0).seconds(),
            window.get(window.size() - 1).seconds(),
            limits.allowedRise(),
            t.finalLevel(),
            limits.bound());
    if (rising || high) {
      reason += rising && high ? ": growing and high" : rising ? ": growing" : ": high";
    }
    return new Verdict(!rising && !high, t, reason);
  }

  /** Judges the last third of a run of {@code runSeconds}. */
  static Verdict judgeLastThird(List<Point> points, double runSeconds, Limits limits) {
    return judge(points, runSeconds * 2 / 3, runSeconds, limits);
  }
}
