package io.clipstream.render.overlay;

import java.util.List;

/**
 * Zones (polygons and polylines, e.g. a restricted area or a tripwire) in their colour, with the
 * zone name on a translucent tab next to the first point. Zones are context, so they sit under the
 * boxes.
 */
final class ZonePainter {

  private static final int NAME_ALPHA = 200;

  private final TextTab tab;
  private final TrackPalette palette;
  private final LineRasterizer lines = new LineRasterizer();
  private final int thickness;

  ZonePainter(TextTab tab, TrackPalette palette, int thickness) {
    this.tab = tab;
    this.palette = palette;
    this.thickness = thickness;
  }

  void paint(YuvCanvas canvas, OverlayZone zone, double sx, double sy) {
    List<float[]> points = zone.points();
    int color =
        zone.color() != null && zone.color().isPresent()
            ? palette.convert(zone.color().getAsInt())
            : palette.colorOfName(zone.name());
    int n = points.size();
    int segments = zone.closed() ? n : n - 1;
    for (int i = 0; i < segments; i++) {
      float[] a = points.get(i);
      float[] b = points.get((i + 1) % n);
      if (valid(a) && valid(b)) {
        lines.draw(canvas, a[0] * sx, a[1] * sy, b[0] * sx, b[1] * sy, thickness, color);
      }
    }
    for (int i = 0; i < n; i++) {
      float[] p = points.get(i);
      if (valid(p)) {
        LineRasterizer.dot(canvas, p[0] * sx, p[1] * sy, thickness, color);
      }
    }
    paintName(canvas, zone.name(), points.get(0), sx, sy, color);
  }

  private void paintName(
      YuvCanvas canvas, String name, float[] first, double sx, double sy, int color) {
    if (name == null || name.isEmpty() || !valid(first)) {
      return;
    }
    double px = first[0] * sx;
    double py = first[1] * sy;
    if (!Double.isFinite(px) || !Double.isFinite(py)) {
      return;
    }
    px = Math.max(-1e6, Math.min(1e6, px)); // keeps the int arithmetic below far from overflow
    py = Math.max(-1e6, Math.min(1e6, py));
    int w = tab.width(name);
    int h = tab.height();
    // Just below-right of the first point, kept inside the picture so the name stays readable.
    int x = (int) Math.max(0, Math.min(canvas.width() - w, Math.round(px) + thickness));
    int y = (int) Math.max(0, Math.min(canvas.height() - h, Math.round(py) + thickness));
    tab.draw(canvas, name, x, y, color, NAME_ALPHA, TextTab.textColorOn(color), YuvCanvas.OPAQUE);
  }

  private static boolean valid(float[] point) {
    return point != null && point.length >= 2;
  }
}
