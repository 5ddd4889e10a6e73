package io.clipstream.render.overlay;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Rasterises anti-aliased glyphs with Java2D into grey-level masks. Java2D runs once per character
 * and size (3-10 ms per full frame would be far too slow per frame), the painter only blends the
 * cached masks.
 */
final class Java2dGlyphRasterizer implements GlyphRasterizer {

  /** Glyphs whose extremes define the line box: cap height, ascenders and descenders. */
  private static final String LINE_PROBE = "Hbdfghjklpqy|#0";

  private final Font font;
  private final FontMetrics metrics;
  private final int baseline;
  private final int lineHeight;
  private final int pad;

  Java2dGlyphRasterizer(String family, int pixelSize) {
    font = new Font(family, Font.BOLD, pixelSize);
    Graphics2D g = newGraphics(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
    try {
      metrics = g.getFontMetrics(font);
      FontRenderContext frc = g.getFontRenderContext();
      Rectangle2D bounds = font.createGlyphVector(frc, LINE_PROBE).getVisualBounds();
      int top = (int) Math.floor(bounds.getY());
      int bottom = (int) Math.ceil(bounds.getMaxY());
      baseline = -top;
      lineHeight = Math.max(1, bottom - top);
    } finally {
      g.dispose();
    }
    pad = pixelSize / 3 + 2;
  }

  @Override
  public int lineHeight() {
    return lineHeight;
  }

  @Override
  public Glyph rasterize(char c) {
    int advance = metrics.charWidth(c);
    int w = Math.max(1, advance + 2 * pad);
    BufferedImage image = new BufferedImage(w, lineHeight, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = newGraphics(image);
    try {
      g.setFont(font);
      g.setColor(Color.WHITE);
      g.drawString(String.valueOf(c), pad, baseline);
    } finally {
      g.dispose();
    }
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    return Glyph.trimmed(pixels, w, lineHeight, -pad, advance);
  }

  private static Graphics2D newGraphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    return g;
  }
}
