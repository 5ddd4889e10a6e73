package io.clipstream.render.overlay;

/**
 * Turns characters into coverage masks of one pixel size; called once per character, never per
 * frame.
 */
interface GlyphRasterizer {

  /**
   * Height of every mask: from the top of the tallest glyph to the bottom of the lowest descender.
   */
  int lineHeight();

  Glyph rasterize(char c);
}
