package io.clipstream.render.overlay;

/**
 * Thick lines by Bresenham: each step of the line stamps a span of {@code thickness} pixels across
 * the major axis. Segments are clipped (Liang-Barsky) to the picture plus a margin first, so absurd
 * coordinates cost nothing and can never write outside the planes; non-finite points are skipped.
 * Not thread-safe (clip state in fields): one per painter.
 */
final class LineRasterizer {

  /**
   * Parametric range of the segment inside the clip rectangle (fields, so clipping allocates
   * nothing).
   */
  private double enter;

  private double leave;

  void draw(
      YuvCanvas canvas, double x0, double y0, double x1, double y1, int thickness, int color) {
    if (!Double.isFinite(x0)
        || !Double.isFinite(y0)
        || !Double.isFinite(x1)
        || !Double.isFinite(y1)) {
      return;
    }
    double margin = thickness + 1;
    double minX = -margin;
    double minY = -margin;
    double maxX = canvas.width() + margin;
    double maxY = canvas.height() + margin;
    double dx = x1 - x0;
    double dy = y1 - y0;
    enter = 0;
    leave = 1;
    if (!clipEdge(-dx, x0 - minX)
        || !clipEdge(dx, maxX - x0)
        || !clipEdge(-dy, y0 - minY)
        || !clipEdge(dy, maxY - y0)
        || enter > leave) {
      return;
    }
    bresenham(
        canvas,
        (int) Math.round(x0 + enter * dx),
        (int) Math.round(y0 + enter * dy),
        (int) Math.round(x0 + leave * dx),
        (int) Math.round(y0 + leave * dy),
        thickness,
        color);
  }

  /** One Liang-Barsky edge test; false when the segment lies entirely outside that edge. */
  private boolean clipEdge(double p, double q) {
    if (p == 0) {
      return q >= 0;
    }
    double t = q / p;
    if (p < 0) {
      enter = Math.max(enter, t);
    } else {
      leave = Math.min(leave, t);
    }
    return true;
  }

  /**
   * A square of side {@code thickness} centred on (x, y): fills the joints between thick segments.
   */
  static void dot(YuvCanvas canvas, double x, double y, int thickness, int color) {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      return;
    }
    int half = thickness / 2;
    int cx = (int) Math.round(Math.max(-thickness, Math.min(canvas.width() + thickness, x)));
    int cy = (int) Math.round(Math.max(-thickness, Math.min(canvas.height() + thickness, y)));
    canvas.fillRect(
        cx - half,
        cy - half,
        cx - half + thickness,
        cy - half + thickness,
        color,
        YuvCanvas.OPAQUE);
  }

  private static void bresenham(
      YuvCanvas canvas, int x0, int y0, int x1, int y1, int thickness, int color) {
    int dx = Math.abs(x1 - x0);
    int dy = -Math.abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1;
    int sy = y0 < y1 ? 1 : -1;
    boolean xMajor = dx >= -dy;
    int half = thickness / 2;
    int err = dx + dy;
    int x = x0;
    int y = y0;
    while (true) {
      if (xMajor) {
        canvas.fillRect(x, y - half, x + 1, y - half + thickness, color, YuvCanvas.OPAQUE);
      } else {
        canvas.fillRect(x - half, y, x - half + thickness, y + 1, color, YuvCanvas.OPAQUE);
      }
      if (x == x1 && y == y1) {
        return;
      }
      int e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }
}
