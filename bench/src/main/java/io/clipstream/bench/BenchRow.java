package io.clipstream.bench;

import java.util.Objects;

/**
 * One row of the suite's table: Clipstream and its reference, measured in the same run.
 *
 * @param name what is measured ("single clip 1080p")
 * @param reference what Clipstream is compared with ("ffmpeg CLI decode+drawbox+libx264")
 * @param referenceValue the reference's median
 * @param clipstreamValue Clipstream's median
 * @param unit the unit of both values ("fps", "s", "MiB")
 * @param higherIsBetter whether a larger value is better (fps) or worse (seconds)
 * @param note spread, sizes, settings: what a reader needs to judge the row
 */
public record BenchRow(
    String name,
    String reference,
    double referenceValue,
    double clipstreamValue,
    String unit,
    boolean higherIsBetter,
    String note) {

  public BenchRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(note, "note");
  }

  /** How much better Clipstream is: above 1 is better, whichever way the unit points. */
  public double advantage() {
    if (referenceValue == 0 || clipstreamValue == 0) {
      return Double.NaN;
    }
    return higherIsBetter ? clipstreamValue / referenceValue : referenceValue / clipstreamValue;
  }
}
