package io.clipstream.render.detections;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Cleans one detection so that bad detector output never breaks a render:
 *
 * <ul>
 *   <li>a NaN or infinite coordinate: the detection is <b>dropped</b> (there is no sensible place
 *       for it);
 *   <li>negative coordinates are <b>clamped</b> to 0 and coordinates beyond the frame (or beyond
 *       {@value #MAX_COORDINATE} px when the frame size is unknown) to its edge, since detectors
 *       routinely report boxes that stick out of the frame;
 *   <li>inverted corners (x2 &lt; x1) are swapped;
 *   <li>a box with no area left after clamping lies entirely outside the frame and is
 *       <b>dropped</b>;
 *   <li>scores are clamped to [0, 1], NaN becomes 0;
 *   <li>a null or blank label becomes {@code object}; negative track ids (trackers' "no track yet")
 *       and null optionals become empty.
 * </ul>
 */
final class DetectionSanitizer {

  static final float MAX_COORDINATE = 65_536f;

  private final float maxX;
  private final float maxY;

  /** Clamps to the frame when its size is known (positive), else to {@link #MAX_COORDINATE}. */
  DetectionSanitizer(int frameWidth, int frameHeight) {
    this.maxX = frameWidth > 0 ? frameWidth : MAX_COORDINATE;
    this.maxY = frameHeight > 0 ? frameHeight : MAX_COORDINATE;
  }

  /** The cleaned detection, or null when it must be dropped. */
  SourceDetection clean(SourceDetection d) {
    if (!Float.isFinite(d.x1())
        || !Float.isFinite(d.y1())
        || !Float.isFinite(d.x2())
        || !Float.isFinite(d.y2())) {
      return null;
    }
    float x1 = clamp(Math.min(d.x1(), d.x2()), maxX);
    float x2 = clamp(Math.max(d.x1(), d.x2()), maxX);
    float y1 = clamp(Math.min(d.y1(), d.y2()), maxY);
    float y2 = clamp(Math.max(d.y1(), d.y2()), maxY);
    if (x2 <= x1 || y2 <= y1) {
      return null;
    }
    String label = d.label() == null || d.label().isBlank() ? "object" : d.label().strip();
    OptionalLong track = d.isTracked() ? d.trackId() : OptionalLong.empty();
    float score = Float.isNaN(d.score()) ? 0f : Math.max(0f, Math.min(1f, d.score()));
    OptionalInt color = d.color() == null ? OptionalInt.empty() : d.color();
    return new SourceDetection(x1, y1, x2, y2, label, track, score, color);
  }

  private static float clamp(float v, float max) {
    return Math.max(0f, Math.min(max, v));
  }
}
