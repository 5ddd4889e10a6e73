package io.clipstream.render.overlay;

/**
 * One rasterised character: a coverage mask of {@code width x height} bytes whose top row is the
 * top of the text line and whose left column sits {@code offsetX} pixels right of the pen position.
 */
record Glyph(byte[] mask, int width, int height, int offsetX, int advance) {

  boolean isBlank() {
    return width == 0;
  }

  /**
   * Builds a glyph from a full-width mask, dropping empty columns on both sides so blending touches
   * only pixels that can change.
   *
   * @param offsetX where column 0 of {@code pixels} sits relative to the pen
   */
  static Glyph trimmed(byte[] pixels, int w, int h, int offsetX, int advance) {
    int first = w;
    int last = -1;
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        if (pixels[row * w + col] != 0) {
          first = Math.min(first, col);
          last = Math.max(last, col);
        }
      }
    }
    if (last < 0) {
      return new Glyph(new byte[0], 0, h, 0, advance);
    }
    int tw = last - first + 1;
    byte[] mask = new byte[tw * h];
    for (int row = 0; row < h; row++) {
      System.arraycopy(pixels, row * w + first, mask, row * tw, tw);
    }
    return new Glyph(mask, tw, h, offsetX + first, advance);
  }
}
