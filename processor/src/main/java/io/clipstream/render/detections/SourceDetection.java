package io.clipstream.render.detections;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One box the detector reported on one source frame, in source-frame pixels, as received (possibly
 * malformed: {@link DetectionTimeline} cleans it up, see there).
 *
 * @param label class name, e.g. {@code person}
 * @param trackId tracker id, empty when the detector does not track (negative ids count as
 *     untracked)
 * @param score confidence in [0, 1]
 * @param color explicit box colour as 0xRRGGBB, else the painter picks one per track or label
 */
public record SourceDetection(
    float x1,
    float y1,
    float x2,
    float y2,
    String label,
    OptionalLong trackId,
    float score,
    OptionalInt color) {

  /** A tracked detection without an explicit colour. */
  public static SourceDetection tracked(
      float x1, float y1, float x2, float y2, String label, long trackId, float score) {
    return new SourceDetection(
        x1, y1, x2, y2, label, OptionalLong.of(trackId), score, OptionalInt.empty());
  }

  /** An untracked detection without an explicit colour. */
  public static SourceDetection untracked(
      float x1, float y1, float x2, float y2, String label, float score) {
    return new SourceDetection(
        x1, y1, x2, y2, label, OptionalLong.empty(), score, OptionalInt.empty());
  }

  /** True when the detection carries a usable (non-negative) track id. */
  public boolean isTracked() {
    return trackId != null && trackId.isPresent() && trackId.getAsLong() >= 0;
  }
}
