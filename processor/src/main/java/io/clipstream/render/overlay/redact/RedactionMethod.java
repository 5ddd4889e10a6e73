package io.clipstream.render.overlay.redact;

import java.util.Locale;

/**
 * How a redacted region is made unrecognisable. Every method writes the luma and both chroma planes
 * and is a many-to-one function of the source pixels, so no inverse exists.
 */
public enum RedactionMethod {
  /** A solid neutral colour: nothing of the source is left but the region's outline. */
  FILL,
  /**
   * Blocks of at least {@link RedactionPolicy#blockFraction()} of the region's shorter side, each
   * set to its mean: only one value per block (and plane) survives.
   */
  PIXELATE,
  /**
   * The same block means as {@link #PIXELATE}, interpolated smoothly between block centres: looks
   * like a strong blur, and carries exactly the block means (a plain blur kernel could be partly
   * deconvolved; this cannot).
   */
  BLUR;

  /** Parses {@code fill}, {@code pixelate} or {@code blur} (any case). */
  public static RedactionMethod parse(String text) {
    String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    for (RedactionMethod m : values()) {
      if (m.name().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "Unknown redaction method '" + text + "': use fill, pixelate or blur");
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
