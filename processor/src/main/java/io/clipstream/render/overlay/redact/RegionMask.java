package io.clipstream.render.overlay.redact;

import java.util.Arrays;

/**
 * The pixels of one redacted region: a rectangle {@code [x0, x1) x [y0, y1)} in picture pixels with
 * even corners (so the half-resolution chroma planes cover exactly the same area), optionally cut
 * down to a polygon. Rows are described as spans of covered pixels.
 */
final class RegionMask {

  final int x0;
  final int y0;
  final int x1;
  final int y1;
  private final float[] xs;
  private final float[] ys;

  private RegionMask(int x0, int y0, int x1, int y1, float[] xs, float[] ys) {
    this.x0 = x0;
    this.y0 = y0;
    this.x1 = x1;
    this.y1 = y1;
    this.xs = xs;
    this.ys = ys;
  }

  /**
   * The rectangle grown outward to even coordinates and clipped to the picture, or null when
   * nothing of it is on the picture.
   */
  static RegionMask rectangle(double left, double top, double right, double bottom, int w, int h) {
    return clipped(left, top, right, bottom, w, h, null, null);
  }

  /** A polygon (picture pixels) and its even-aligned bounding rectangle; null when off-picture. */
  static RegionMask polygon(float[] xs, float[] ys, int w, int h) {
    double left = Double.MAX_VALUE;
    double top = Double.MAX_VALUE;
    double right = -Double.MAX_VALUE;
    double bottom = -Double.MAX_VALUE;
    for (int i = 0; i < xs.length; i++) {
      left = Math.min(left, xs[i]);
      right = Math.max(right, xs[i]);
      top = Math.min(top, ys[i]);
      bottom = Math.max(bottom, ys[i]);
    }
    return clipped(left, top, right, bottom, w, h, xs.clone(), ys.clone());
  }

  private static RegionMask clipped(
      double left, double top, double right, double bottom, int w, int h, float[] xs, float[] ys) {
    if (!(left < right) || !(top < bottom)) {
      return null; // NaN or empty
    }
    int ex0 = evenFloor(Math.max(0, left));
    int ey0 = evenFloor(Math.max(0, top));
    int ex1 = Math.min(w, evenCeil(Math.min(w, right)));
    int ey1 = Math.min(h, evenCeil(Math.min(h, bottom)));
    if (ex0 >= ex1 || ey0 >= ey1) {
      return null;
    }
    return new RegionMask(ex0, ey0, ex1, ey1, xs, ys);
  }

  private static int evenFloor(double v) {
    return (int) Math.floor(v / 2) * 2;
  }

  private static int evenCeil(double v) {
    return (int) Math.ceil(v / 2) * 2;
  }

  int width() {
    return x1 - x0;
  }

  int height() {
    return y1 - y0;
  }

  boolean isPolygon() {
    return xs != null;
  }

  /**
   * Fills {@code out} with {@code [start, end)} pairs of the covered pixels of luma row {@code row}
   * (inside {@code [x0, x1)}), returns the number of pairs. A polygon covers the pixels whose
   * centre is inside it (even-odd rule), grown to even columns so the chroma sample of every
   * covered pixel is covered too.
   */
  int spans(int row, int[][] out) {
    if (xs == null) {
      ensure(out, 2);
      out[0][0] = x0;
      out[0][1] = x1;
      return 1;
    }
    int evenRow = row & ~1; // both luma rows of a chroma row share its spans
    double[] crossings = crossings(evenRow + 0.5, evenRow + 1.5);
    int n = 0;
    ensure(out, crossings.length);
    for (int i = 0; i + 1 < crossings.length; i += 2) {
      int start = Math.max(x0, evenFloor(crossings[i]));
      int end = Math.min(x1, evenCeil(crossings[i + 1]));
      if (start >= end) {
        continue;
      }
      if (n > 0 && start <= out[0][2 * n - 1]) {
        out[0][2 * n - 1] = Math.max(out[0][2 * n - 1], end); // grown spans may touch
      } else {
        out[0][2 * n] = start;
        out[0][2 * n + 1] = end;
        n++;
      }
    }
    return n;
  }

  /** Crossings of the polygon with both scan lines, merged as the union of their intervals. */
  private double[] crossings(double lineA, double lineB) {
    double[] a = crossingsAt(lineA);
    double[] b = crossingsAt(lineB);
    double[] all = new double[a.length + b.length];
    // Union of two sets of sorted intervals: sort interval starts, merge overlaps.
    double[][] intervals = new double[all.length / 2][];
    int k = 0;
    for (int i = 0; i + 1 < a.length; i += 2) {
      intervals[k++] = new double[] {a[i], a[i + 1]};
    }
    for (int i = 0; i + 1 < b.length; i += 2) {
      intervals[k++] = new double[] {b[i], b[i + 1]};
    }
    Arrays.sort(intervals, 0, k, (p, q) -> Double.compare(p[0], q[0]));
    int n = 0;
    for (int i = 0; i < k; i++) {
      if (n > 0 && intervals[i][0] <= all[n - 1]) {
        all[n - 1] = Math.max(all[n - 1], intervals[i][1]);
      } else {
        all[n++] = intervals[i][0];
        all[n++] = intervals[i][1];
      }
    }
    return Arrays.copyOf(all, n);
  }

  private double[] crossingsAt(double y) {
    double[] found = new double[xs.length];
    int n = 0;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if ((ys[i] > y) != (ys[j] > y)) {
        found[n++] = xs[j] + (y - ys[j]) * (xs[i] - xs[j]) / (ys[i] - ys[j]);
      }
    }
    Arrays.sort(found, 0, n);
    return Arrays.copyOf(found, n - (n % 2));
  }

  private static void ensure(int[][] out, int values) {
    if (out[0].length < values) {
      out[0] = new int[Math.max(values, out[0].length * 2)];
    }
  }
}
