package io.clipstream.bench;

import java.util.List;

/** Medians and spreads of repeated measurements. */
public final class Stats {

  private Stats() {}

  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  public static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** Nearest-rank percentile of sorted values; NaN when there are none. */
  public static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
  }

  /** "12.3 [11.0-13.1]": the median and, in brackets, the range. */
  public static String summary(List<Double> values) {
    return String.format("%.1f [%.1f-%.1f]", median(values), min(values), max(values));
  }

  /** "range 11.0-13.1 over 3 runs" for a row's note. */
  public static String spread(List<Double> values, String format) {
    return String.format(
        "range " + format + "-" + format + " over %d run%s",
        min(values),
        max(values),
        values.size(),
        values.size() == 1 ? "" : "s");
  }

  /** Seconds since {@code startNanos}. */
  public static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
