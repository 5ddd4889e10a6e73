package io.clipstream.render.overlay.redact;

import java.util.Locale;

/** What becomes of the box and label tab of a redacted track. */
public enum RedactedLabels {
  /** The outline stays (so a viewer sees that someone was there) with a neutral "redacted" tab. */
  TAG,
  /** Neither outline nor tab is drawn. */
  HIDE;

  /** Parses {@code tag} or {@code hide} (any case). */
  public static RedactedLabels parse(String text) {
    String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    for (RedactedLabels m : values()) {
      if (m.name().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "Unknown redacted-label mode '" + text + "': use tag (neutral tab) or hide (no box)");
  }
}
