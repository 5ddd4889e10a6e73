package io.clipstream.bench;

import java.util.List;
import java.util.Locale;

/** The suite's rows as a Markdown table. */
public final class MarkdownTable {

  static final String HEADER =
      "| name | reference | reference value | Clipstream value | unit | Clipstream advantage (x) | note |";

  private MarkdownTable() {}

  public static String render(List<BenchRow> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(HEADER).append('\n');
    sb.append("|---|---|---:|---:|---|---:|---|\n");
    for (BenchRow row : rows) {
      sb.append(line(row)).append('\n');
    }
    return sb.toString();
  }

  /** One row's line, without a line break. */
  public static String line(BenchRow row) {
    return "| "
        + cell(row.name())
        + " | "
        + cell(row.reference())
        + " | "
        + number(row.referenceValue())
        + " | "
        + number(row.clipstreamValue())
        + " | "
        + cell(row.unit())
        + " | "
        + advantage(row.advantage())
        + " | "
        + cell(row.note())
        + " |";
  }

  /** A value with about three significant digits; "-" when missing. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    double a = Math.abs(v);
    String format = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, format, v);
  }

  static String advantage(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : number(v) + "x";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
