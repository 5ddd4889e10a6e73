package io.clipstream.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** DeepStream's track ids and confidences, with the sentinels it uses for "none". */
final class Tracks {

  private Tracks() {}

  /** A tracking id, or null for DeepStream's untracked sentinels (-1, UINT64_MAX, empty). */
  static Long parse(String id) {
    try {
      long value = Long.parseLong(id.trim());
      return value < 0 ? null : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The confidence, or 1 with attribute {@code score=not given} where the payload has none or
   * DeepStream's "no confidence" value (negative, e.g. -0.1 for objects the tracker carried).
   */
  static float score(JsonNode confidence, Map<String, String> attributes) {
    if (confidence != null && confidence.isNumber() && confidence.asDouble() >= 0) {
      return (float) confidence.asDouble();
    }
    attributes.put("score", "not given");
    return 1f;
  }
}
