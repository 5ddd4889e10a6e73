package io.clipstream.render.overlay;

/**
 * Box outlines and their label tabs. A box is scaled from source to picture pixels and its outline
 * is drawn inside that rectangle ({@code thickness} pixels inwards from each edge), so the outer
 * edge of the stroke is exactly the detection's edge; the tab sits on top of the box, or inside its
 * top edge when the box touches the top of the picture. Nothing is drawn for NaN/infinite, empty or
 * off-picture boxes.
 */
final class BoxPainter {

  /** How a box is drawn relative to the event's focus tracks. */
  enum Emphasis {
    NORMAL,
    FOCUS,
    MUTED
  }

  private static final int MUTED_TAB_ALPHA = 176;
  private static final double COORDINATE_LIMIT =
      1 << 20; // far outside any picture, far from int overflow

  private final TextTab tab;
  private final TrackPalette palette;
  private final OverlayMetrics metrics;
  private final boolean showScores;
  private final StringBuilder text = new StringBuilder(64);
  private int left;
  private int top;
  private int right;
  private int bottom;

  BoxPainter(TextTab tab, TrackPalette palette, OverlayMetrics metrics, boolean showScores) {
    this.tab = tab;
    this.palette = palette;
    this.metrics = metrics;
    this.showScores = showScores;
  }

  void paintOutline(YuvCanvas canvas, OverlayBox box, double sx, double sy, Emphasis emphasis) {
    if (!locate(canvas, box, sx, sy)) {
      return;
    }
    int color = colorOf(box, emphasis);
    int t =
        emphasis == Emphasis.FOCUS
            ? metrics.focusThickness()
            : emphasis == Emphasis.MUTED ? metrics.mutedThickness() : metrics.thickness();
    t = Math.min(t, Math.max(1, Math.min(right - left, bottom - top) / 2));
    canvas.outline(left, top, right, bottom, t, color);
  }

  void paintLabel(YuvCanvas canvas, OverlayBox box, double sx, double sy, Emphasis emphasis) {
    if (!locate(canvas, box, sx, sy)) {
      return;
    }
    composeText(box);
    if (text.length() == 0) {
      return;
    }
    int w = tab.width(text);
    int h = tab.height();
    int x = Math.max(0, Math.min(canvas.width() - w, left));
    int y = top - h >= 0 ? top - h : Math.max(0, top);
    int color = colorOf(box, emphasis);
    if (emphasis == Emphasis.MUTED) {
      tab.draw(canvas, text, x, y, color, MUTED_TAB_ALPHA, TextTab.WHITE, 230);
    } else {
      tab.draw(
          canvas,
          text,
          x,
          y,
          color,
          YuvCanvas.OPAQUE,
          TextTab.textColorOn(color),
          YuvCanvas.OPAQUE);
    }
  }

  /** Sets left/top/right/bottom in picture pixels; false when nothing of the box can be drawn. */
  private boolean locate(YuvCanvas canvas, OverlayBox box, double sx, double sy) {
    if (!Float.isFinite(box.x1())
        || !Float.isFinite(box.y1())
        || !Float.isFinite(box.x2())
        || !Float.isFinite(box.y2())) {
      return false;
    }
    left = scale(Math.min(box.x1(), box.x2()), sx);
    right = scale(Math.max(box.x1(), box.x2()), sx);
    top = scale(Math.min(box.y1(), box.y2()), sy);
    bottom = scale(Math.max(box.y1(), box.y2()), sy);
    return right > left
        && bottom > top
        && right > 0
        && bottom > 0
        && left < canvas.width()
        && top < canvas.height();
  }

  private static int scale(float coordinate, double factor) {
    double v = coordinate * factor;
    return (int) Math.round(Math.max(-COORDINATE_LIMIT, Math.min(COORDINATE_LIMIT, v)));
  }

  private int colorOf(OverlayBox box, Emphasis emphasis) {
    int color = palette.colorOf(box);
    return emphasis == Emphasis.MUTED ? ColorMatrix.muted(color) : color;
  }

  /** The tab text of a box; the returned builder is reused by the next call. */
  CharSequence labelText(OverlayBox box) {
    composeText(box);
    return text;
  }

  /** {@code label #track score} into a reused builder: no String per box per frame. */
  private void composeText(OverlayBox box) {
    text.setLength(0);
    if (box.label() != null) {
      text.append(box.label().strip());
    }
    if (box.trackId() != null && box.trackId().isPresent()) {
      separate().append('#').append(box.trackId().getAsLong());
    }
    // A box without a score (the detector gave none, or a redacted track) shows none.
    if (showScores && !Float.isNaN(box.score())) {
      float score = box.score();
      int hundredths = Math.round(Math.max(0f, Math.min(1f, score)) * 100);
      separate()
          .append(hundredths / 100)
          .append('.')
          .append(hundredths % 100 < 10 ? "0" : "")
          .append(hundredths % 100);
    }
  }

  private StringBuilder separate() {
    return text.length() == 0 ? text : text.append(' ');
  }
}
