package io.clipstream.render.overlay;

/**
 * Stable colours for boxes: the explicit colour when the detection carries one, else a palette
 * entry chosen by track id, else by label. The choice depends only on the id or label (never on
 * drawing order), so a track keeps its colour across frames, clips and re-renders.
 */
public final class TrackPalette {

  /**
   * Distinct, saturated colours ordered so that neighbouring ids (tracker ids are usually
   * consecutive) get contrasting hues.
   */
  static final int[] RGB = {
    0xFF3B30, // red
    0x00C2FF, // sky blue
    0xFFD60A, // yellow
    0x8E44FF, // violet
    0x34E024, // lime
    0xFF2D9B, // pink
    0x00D4B0, // teal
    0xFF8A00, // orange
    0x2F5BFF, // blue
    0xB8E000, // chartreuse
    0xD938FF, // magenta
    0x18A558, // green
  };

  private final int[] yuv;
  private final ColorMatrix matrix;

  public TrackPalette(ColorMatrix matrix) {
    this.matrix = matrix;
    this.yuv = new int[RGB.length];
    for (int i = 0; i < RGB.length; i++) {
      yuv[i] = matrix.toYuv(RGB[i]);
    }
  }

  /** The packed YCbCr colour of a box (see {@link ColorMatrix}). */
  public int colorOf(OverlayBox box) {
    if (box.color() != null && box.color().isPresent()) {
      return matrix.toYuv(box.color().getAsInt() & 0xFFFFFF);
    }
    if (box.trackId() != null && box.trackId().isPresent()) {
      return yuv[Math.floorMod(box.trackId().getAsLong(), yuv.length)];
    }
    return colorOfName(box.label());
  }

  /**
   * A colour stable per name (labels, zone names); String.hashCode is specified, so it is stable
   * across JVMs.
   */
  public int colorOfName(String name) {
    return yuv[Math.floorMod(name == null ? 0 : name.hashCode(), yuv.length)];
  }

  /** The colour for an explicit 0xRRGGBB value. */
  public int convert(int rgb) {
    return matrix.toYuv(rgb & 0xFFFFFF);
  }

  /** Number of palette entries. */
  public int size() {
    return yuv.length;
  }
}
