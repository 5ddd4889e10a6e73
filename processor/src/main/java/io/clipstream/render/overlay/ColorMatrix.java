package io.clipstream.render.overlay;

/**
 * Converts 8-bit RGB colours (0xRRGGBB) to limited-range ("TV range") YCbCr for drawing into 4:2:0
 * planes.
 *
 * <p>With luma coefficients Kr, Kb (Kg = 1 - Kr - Kb) and R, G, B normalised to [0, 1]:
 *
 * <pre>
 *   E  = Kr*R + Kg*G + Kb*B
 *   Y  = 16  + 219 * E
 *   Cb = 128 + 224 * (B - E) / (2 * (1 - Kb))
 *   Cr = 128 + 224 * (R - E) / (2 * (1 - Kr))
 * </pre>
 *
 * rounded to the nearest integer and clamped to [16, 235] (Y) and [16, 240] (Cb, Cr). For BT.601
 * (Kr = 0.299, Kb = 0.114) this is the familiar {@code Y = 16 + 0.2568 R + 0.5041 G + 0.0979 B},
 * {@code Cb = 128 - 0.1482 R - 0.2910 G + 0.4392 B}, {@code Cr = 128 + 0.4392 R - 0.3678 G - 0.0714
 * B} with R, G, B in [0, 255]. The RGB values are used as they are (gamma-encoded, no
 * linearisation), exactly as swscale converts RGB to yuv420p, so a palette colour looks the same as
 * it would in an RGB pipeline.
 *
 * <p>Colours are passed around packed as {@code (Y << 16) | (Cb << 8) | Cr} so the hot path never
 * allocates.
 */
public enum ColorMatrix {
  /**
   * ITU-R BT.601, what libx264/swscale assume for untagged yuv420p and what the brief specifies.
   */
  BT601(0.299, 0.114),
  /** ITU-R BT.709, for outputs explicitly tagged as BT.709. */
  BT709(0.2126, 0.0722);

  private final double kr;
  private final double kb;

  ColorMatrix(double kr, double kb) {
    this.kr = kr;
    this.kb = kb;
  }

  /** Converts 0xRRGGBB to a packed limited-range YCbCr colour. */
  public int toYuv(int rgb) {
    double r = ((rgb >> 16) & 0xFF) / 255.0;
    double g = ((rgb >> 8) & 0xFF) / 255.0;
    double b = (rgb & 0xFF) / 255.0;
    double e = kr * r + (1 - kr - kb) * g + kb * b;
    int y = clamp((int) Math.round(16 + 219 * e), 16, 235);
    int cb = clamp((int) Math.round(128 + 224 * (b - e) / (2 * (1 - kb))), 16, 240);
    int cr = clamp((int) Math.round(128 + 224 * (r - e) / (2 * (1 - kr))), 16, 240);
    return pack(y, cb, cr);
  }

  /** Packs three 8-bit components. */
  public static int pack(int y, int cb, int cr) {
    return (y << 16) | (cb << 8) | cr;
  }

  public static int luma(int yuv) {
    return (yuv >> 16) & 0xFF;
  }

  public static int cb(int yuv) {
    return (yuv >> 8) & 0xFF;
  }

  public static int cr(int yuv) {
    return yuv & 0xFF;
  }

  /**
   * A desaturated, dimmer version of a colour for boxes that are not the event's focus: chroma
   * pulled 65 % towards neutral and luma 30 % towards black, so the focus tracks stand out without
   * hiding the rest.
   */
  public static int muted(int yuv) {
    int y = 16 + (luma(yuv) - 16) * 7 / 10;
    int cb = 128 + (cb(yuv) - 128) * 35 / 100;
    int cr = 128 + (cr(yuv) - 128) * 35 / 100;
    return pack(y, cb, cr);
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
