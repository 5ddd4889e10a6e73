package io.clipstream.render.overlay;

/**
 * A filled rectangle with one line of text in it: box labels, zone names, the banner and the event
 * marker all use it so they share padding and look alike.
 */
final class TextTab {

  static final int WHITE = ColorMatrix.pack(235, 128, 128);
  static final int BLACK = ColorMatrix.pack(16, 128, 128);

  private final GlyphAtlas atlas;
  private final int padX;
  private final int padY;

  TextTab(GlyphAtlas atlas, int padX, int padY) {
    this.atlas = atlas;
    this.padX = padX;
    this.padY = padY;
  }

  GlyphAtlas atlas() {
    return atlas;
  }

  int padX() {
    return padX;
  }

  int width(CharSequence text) {
    return atlas.textWidth(text) + 2 * padX;
  }

  int height() {
    return atlas.lineHeight() + 2 * padY;
  }

  /**
   * Black text on light backgrounds (yellow, lime, cyan, orange tabs), white on the rest: splitting
   * at mid-grey luma gives every palette colour at least 3:1 contrast, the WCAG level for bold
   * labels.
   */
  static int textColorOn(int background) {
    return ColorMatrix.luma(background) > 128 ? BLACK : WHITE;
  }

  /**
   * Draws the tab with its top-left corner at (x, y); the picture clips whatever lies outside it.
   */
  void draw(
      YuvCanvas canvas,
      CharSequence text,
      int x,
      int y,
      int background,
      int backgroundAlpha,
      int textColor,
      int textAlpha) {
    int w = width(text);
    canvas.fillRect(x, y, x + w, y + height(), background, backgroundAlpha);
    atlas.draw(canvas, text, x + padX, y + padY, x + w - padX + 1, textColor, textAlpha);
  }
}
