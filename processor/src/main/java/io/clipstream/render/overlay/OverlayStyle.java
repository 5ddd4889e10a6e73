package io.clipstream.render.overlay;

import java.util.Objects;

/**
 * How overlays look, independent of the picture size: the painter derives line widths and text
 * sizes from the output resolution and multiplies them by {@code scale}.
 *
 * @param scale multiplier for line widths and text sizes (1 = default, 0.5..3 are sensible)
 * @param fontFamily Java2D font family for labels and banner ("SansSerif" maps to DejaVu Sans on
 *     Debian)
 * @param matrix RGB to YCbCr conversion of the palette; must match how the output is tagged (BT.601
 *     for untagged yuv420p)
 * @param showScores append the detection score to box labels
 */
public record OverlayStyle(
    double scale, String fontFamily, ColorMatrix matrix, boolean showScores) {

  /** SansSerif, BT.601, scores shown, default sizes. */
  public static final OverlayStyle DEFAULT =
      new OverlayStyle(1.0, "SansSerif", ColorMatrix.BT601, true);

  public OverlayStyle {
    if (!(scale > 0 && scale <= 10)) {
      throw new IllegalArgumentException("Overlay scale must be in (0, 10], got " + scale);
    }
    Objects.requireNonNull(fontFamily, "fontFamily");
    Objects.requireNonNull(matrix, "matrix");
  }
}
