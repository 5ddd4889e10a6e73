package io.clipstream.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A horizontal bar chart of each row's advantage over its reference, on a logarithmic axis with a
 * line at 1x (parity): bars right of it are better than the reference, left of it worse.
 */
public final class BarChart {

  public static final int WIDTH = 1200;
  public static final int HEIGHT = 600;

  private static final Color BETTER = new Color(0x2E7D32);
  private static final Color PARITY = new Color(0x1565C0);
  private static final Color WORSE = new Color(0xC62828);

  private BarChart() {}

  /** Draws the chart of {@code rows} (rows without an advantage are listed without a bar). */
  public static BufferedImage draw(String title, List<BenchRow> rows) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
      g.drawString(title, 20, 34);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      g.setColor(Color.DARK_GRAY);
      g.drawString(
          "Clipstream advantage over the reference (x, log scale; right of 1x = better)", 20, 56);

      int left = 430;
      int right = WIDTH - 110;
      int top = 80;
      int bottom = HEIGHT - 50;
      double[] range = axisRange(rows);
      double lo = Math.log10(range[0]);
      double hi = Math.log10(range[1]);
      int n = Math.max(1, rows.size());
      int slot = (bottom - top) / n;
      int bar = Math.max(8, Math.min(40, slot * 6 / 10));

      // Grid lines at 1-2-5 steps.
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      FontMetrics small = g.getFontMetrics();
      for (double tick : ticks(range[0], range[1])) {
        int x = x(tick, lo, hi, left, right);
        g.setColor(new Color(0xE0E0E0));
        g.drawLine(x, top, x, bottom);
        g.setColor(Color.DARK_GRAY);
        String label = MarkdownTable.number(tick) + "x";
        g.drawString(label, x - small.stringWidth(label) / 2, bottom + 18);
      }

      Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
      for (int i = 0; i < rows.size(); i++) {
        BenchRow row = rows.get(i);
        int cy = top + i * slot + slot / 2;
        g.setFont(labelFont);
        g.setColor(Color.BLACK);
        String label = fit(row.name(), g.getFontMetrics(), left - 30);
        g.drawString(label, 20, cy + 6);
        double adv = row.advantage();
        if (Double.isNaN(adv) || Double.isInfinite(adv) || adv <= 0) {
          g.setColor(Color.GRAY);
          g.drawString("no value", left + 8, cy + 6);
          continue;
        }
        double clamped = Math.max(range[0], Math.min(range[1], adv));
        int x0 = x(1, lo, hi, left, right);
        int x1 = x(clamped, lo, hi, left, right);
        g.setColor(adv >= 1.05 ? BETTER : adv >= 0.95 ? PARITY : WORSE);
        int from = Math.min(x0, x1);
        int w = Math.max(3, Math.abs(x1 - x0));
        g.fillRect(from, cy - bar / 2, w, bar);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        String value = MarkdownTable.number(adv) + "x";
        int tx = x1 >= x0 ? from + w + 6 : from - g.getFontMetrics().stringWidth(value) - 6;
        if (tx < left - 100) {
          tx = x0 + 6;
        }
        g.drawString(value, tx, cy + 6);
      }
      // Parity line on top.
      int x1 = x(1, lo, hi, left, right);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(2f));
      g.drawLine(x1, top - 6, x1, bottom);
      g.drawLine(left, bottom, right, bottom);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes the chart as a PNG. */
  public static void write(String title, List<BenchRow> rows, Path png) throws IOException {
    if (!ImageIO.write(draw(title, rows), "png", png.toFile())) {
      throw new IOException("No PNG writer available");
    }
  }

  /** The axis: from below the smallest advantage to above the largest, always including 1. */
  static double[] axisRange(List<BenchRow> rows) {
    double min = 1;
    double max = 1;
    for (BenchRow row : rows) {
      double a = row.advantage();
      if (!Double.isNaN(a) && !Double.isInfinite(a) && a > 0) {
        min = Math.min(min, a);
        max = Math.max(max, a);
      }
    }
    min = Math.max(1e-3, min);
    max = Math.min(1e6, max);
    return new double[] {
      Math.pow(10, Math.floor(Math.log10(min / 1.2) * 2) / 2),
      Math.pow(10, Math.ceil(Math.log10(max * 1.2) * 2) / 2)
    };
  }

  static List<Double> ticks(double lo, double hi) {
    java.util.ArrayList<Double> ticks = new java.util.ArrayList<>();
    for (double decade = Math.pow(10, Math.floor(Math.log10(lo))); decade <= hi; decade *= 10) {
      for (double m : new double[] {1, 2, 5}) {
        double t = decade * m;
        if (t >= lo * 0.999 && t <= hi * 1.001) {
          ticks.add(t);
        }
      }
    }
    return ticks;
  }

  private static int x(double v, double lo, double hi, int left, int right) {
    return left + (int) Math.round((Math.log10(v) - lo) / (hi - lo) * (right - left));
  }

  private static String fit(String text, FontMetrics fm, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    String t = text;
    while (t.length() > 1 && fm.stringWidth(t + "...") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "...";
  }

  static String title(String when) {
    return String.format(Locale.ROOT, "Clipstream performance suite (%s)", when);
  }
}
