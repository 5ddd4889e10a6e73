package io.clipstream.render.detections;

import io.clipstream.render.overlay.OverlayBox;
import java.util.List;
import java.util.OptionalLong;

/**
 * The boxes to draw on the frame presented at {@code ptsMicros}, tracked boxes first in track-id
 * order, then untracked ones in the detector's order (a stable order, so re-renders produce
 * identical side-cars).
 *
 * @param matchedSamplePtsMicros pts of the detector sample matched to this frame, empty when the
 *     detector did not run on it
 */
public record TimelineFrame(
    long ptsMicros, OptionalLong matchedSamplePtsMicros, List<TimelineBox> boxes) {

  public TimelineFrame {
    boxes = List.copyOf(boxes);
  }

  /** Just the boxes, for the painter. */
  public List<OverlayBox> overlayBoxes() {
    return boxes.stream().map(TimelineBox::box).toList();
  }
}
