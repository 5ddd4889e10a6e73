package io.clipstream.render.overlay;

import java.awt.AWTError;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cached glyph masks of one font and pixel size, and text drawing from them. Printable ASCII is
 * rasterised up front; other characters on first use. After that, drawing text is mask blending
 * only. Not thread-safe: one atlas per painter.
 */
final class GlyphAtlas {

  private static final Logger LOG = LoggerFactory.getLogger(GlyphAtlas.class);

  private final GlyphRasterizer rasterizer;
  private final Glyph[] latin = new Glyph[256];
  private final Map<Character, Glyph> others = new HashMap<>();
  private byte[] lineMask = new byte[4096];

  GlyphAtlas(GlyphRasterizer rasterizer) {
    this.rasterizer = rasterizer;
    for (char c = 0x20; c < 0x7F; c++) {
      latin[c] = rasterizer.rasterize(c);
    }
  }

  /**
   * An atlas for the font family and pixel size, or the built-in bitmap font when Java2D cannot
   * load fonts on this host (headless images without fontconfig fail inside AWT with errors, not
   * exceptions).
   */
  static GlyphAtlas create(String family, int pixelSize) {
    try {
      return new GlyphAtlas(new Java2dGlyphRasterizer(family, pixelSize));
    } catch (RuntimeException | LinkageError | InternalError | AWTError e) {
      LOG.warn(
          "Java2D cannot rasterise font '{}' ({}); overlay text uses the built-in bitmap font."
              + " Install a font package (e.g. fonts-dejavu-core) for anti-aliased labels.",
          family,
          e.toString());
      return new GlyphAtlas(new BitmapGlyphRasterizer(pixelSize));
    }
  }

  int lineHeight() {
    return rasterizer.lineHeight();
  }

  Glyph glyph(char c) {
    if (c < latin.length) {
      Glyph g = latin[c];
      if (g == null) {
        g = rasterizer.rasterize(c < 0x20 ? ' ' : c);
        latin[c] = g;
      }
      return g;
    }
    return others.computeIfAbsent(c, rasterizer::rasterize);
  }

  /** Width of the text in pixels (sum of advances). */
  int textWidth(CharSequence text) {
    int width = 0;
    for (int i = 0; i < text.length(); i++) {
      width += glyph(text.charAt(i)).advance();
    }
    return width;
  }

  /**
   * Draws text with its line top at y, starting at x, stopping before the glyph that would pass
   * {@code maxX} so text never spills out of its tab. The glyphs are first composed into one line
   * mask so the planes are touched once per row of text, not once per row of every glyph. Returns
   * the pen position after the last glyph drawn.
   */
  int draw(YuvCanvas canvas, CharSequence text, int x, int y, int maxX, int color, int alpha) {
    int pen = x;
    int inkLeft = Integer.MAX_VALUE;
    int inkRight = Integer.MIN_VALUE;
    int count = 0;
    for (; count < text.length(); count++) {
      Glyph g = glyph(text.charAt(count));
      if (pen + g.advance() > maxX) {
        break;
      }
      if (!g.isBlank()) {
        inkLeft = Math.min(inkLeft, pen + g.offsetX());
        inkRight = Math.max(inkRight, pen + g.offsetX() + g.width());
      }
      pen += g.advance();
    }
    if (inkLeft < inkRight) {
      int w = inkRight - inkLeft;
      int h = lineHeight();
      byte[] line = line(w * h);
      int glyphPen = x;
      for (int i = 0; i < count; i++) {
        Glyph g = glyph(text.charAt(i));
        addGlyph(line, w, g, glyphPen + g.offsetX() - inkLeft);
        glyphPen += g.advance();
      }
      canvas.blendMask(line, w, w, h, inkLeft, y, color, alpha);
    }
    return pen;
  }

  /**
   * Adds a glyph's coverage into the line mask (saturating: neighbouring glyphs may overlap by a
   * pixel).
   */
  private static void addGlyph(byte[] line, int lineWidth, Glyph g, int left) {
    byte[] mask = g.mask();
    for (int row = 0; row < g.height(); row++) {
      int target = row * lineWidth + left;
      int source = row * g.width();
      for (int col = 0; col < g.width(); col++) {
        int sum = (line[target + col] & 0xFF) + (mask[source + col] & 0xFF);
        line[target + col] = (byte) Math.min(255, sum);
      }
    }
  }

  private byte[] line(int size) {
    if (lineMask.length < size) {
      lineMask = new byte[Math.max(size, lineMask.length * 2)];
    }
    Arrays.fill(lineMask, 0, size, (byte) 0);
    return lineMask;
  }
}
