package io.clipstream.render.overlay;

/**
 * The timestamp banner (top-left: camera and wall-clock time, white on translucent black) and the
 * "event active" marker (top-right: a red dot and {@code EVENT} on the same translucent black, like
 * a recording indicator), both inset by the margin so players' rounded corners do not cut them.
 */
final class BannerPainter {

  static final String EVENT_TEXT = "EVENT";
  private static final int BACKGROUND_ALPHA =
      168; // ~65 %: text readable on snow, picture still visible

  private final TextTab tab;
  private final int margin;
  private final byte[] dot;
  private final int dotSize;
  private final int red;

  BannerPainter(TextTab tab, int margin, ColorMatrix matrix) {
    this.tab = tab;
    this.margin = margin;
    this.dotSize = Math.max(5, Math.round(tab.atlas().lineHeight() * 0.75f)) | 1;
    this.dot = circleMask(dotSize);
    this.red = matrix.toYuv(0xFF2A2A);
  }

  void paintBanner(YuvCanvas canvas, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    tab.draw(
        canvas,
        text,
        margin,
        margin,
        TextTab.BLACK,
        BACKGROUND_ALPHA,
        TextTab.WHITE,
        YuvCanvas.OPAQUE);
  }

  void paintEventMarker(YuvCanvas canvas) {
    int gap = tab.padX();
    int width = tab.width(EVENT_TEXT) + dotSize + gap;
    int height = tab.height();
    int x = Math.max(0, canvas.width() - margin - width);
    int y = margin;
    canvas.fillRect(x, y, x + width, y + height, TextTab.BLACK, BACKGROUND_ALPHA);
    int dotX = x + tab.padX();
    canvas.blendMask(
        dot, dotSize, dotSize, dotSize, dotX, y + (height - dotSize) / 2, red, YuvCanvas.OPAQUE);
    int textX = dotX + dotSize + gap;
    tab.atlas()
        .draw(
            canvas,
            EVENT_TEXT,
            textX,
            y + (height - tab.atlas().lineHeight()) / 2,
            x + width,
            TextTab.WHITE,
            YuvCanvas.OPAQUE);
  }

  /**
   * An anti-aliased filled disc, computed once: coverage falls off over the one pixel at the rim.
   */
  static byte[] circleMask(int size) {
    byte[] mask = new byte[size * size];
    double r = size / 2.0;
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        double d = Math.hypot(col + 0.5 - r, row + 0.5 - r);
        double coverage = Math.max(0, Math.min(1, r - d + 0.5));
        mask[row * size + col] = (byte) Math.round(coverage * 255);
      }
    }
    return mask;
  }
}
