package io.clipstream.render.detections;

import io.clipstream.render.overlay.OverlayBox;
import java.util.OptionalLong;
import java.util.Set;

/** Turns observations into the boxes of one frame. */
final class FrameBoxes {

  private FrameBoxes() {}

  static TimelineBox observed(Observation o, Set<Long> focus) {
    return new TimelineBox(
        box(o.detection, focus, false), BoxOrigin.OBSERVED, o.pts, OptionalLong.empty());
  }

  static TimelineBox held(Observation o, Set<Long> focus) {
    return new TimelineBox(
        box(o.detection, focus, true), BoxOrigin.HELD, o.pts, OptionalLong.empty());
  }

  /**
   * The box moved linearly from {@code a} (at a.pts) to {@code b} (at b.pts), evaluated at t; a's
   * label and score.
   */
  static TimelineBox interpolated(Observation a, Observation b, long t, Set<Long> focus) {
    double f = Math.max(0, Math.min(1, (double) (t - a.pts) / (b.pts - a.pts)));
    SourceDetection from = a.detection;
    SourceDetection to = b.detection;
    SourceDetection moved =
        new SourceDetection(
            lerp(from.x1(), to.x1(), f),
            lerp(from.y1(), to.y1(), f),
            lerp(from.x2(), to.x2(), f),
            lerp(from.y2(), to.y2(), f),
            from.label(),
            from.trackId(),
            from.score(),
            from.color());
    return new TimelineBox(
        box(moved, focus, true), BoxOrigin.INTERPOLATED, a.pts, OptionalLong.of(b.pts));
  }

  private static float lerp(float from, float to, double f) {
    return (float) (from + (to - from) * f);
  }

  private static OverlayBox box(SourceDetection d, Set<Long> focus, boolean derived) {
    boolean isFocus = d.trackId().isPresent() && focus.contains(d.trackId().getAsLong());
    return new OverlayBox(
        d.x1(),
        d.y1(),
        d.x2(),
        d.y2(),
        d.label(),
        d.trackId(),
        d.score(),
        d.color(),
        isFocus,
        derived);
  }
}
