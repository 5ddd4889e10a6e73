package io.clipstream.render.output;

import io.clipstream.render.detections.TimelineBox;
import io.clipstream.render.overlay.redact.RedactedRegion;
import java.time.Instant;
import java.util.List;

/**
 * One output frame as the side-car records it.
 *
 * @param index position in the MP4 (0-based)
 * @param ptsMicros presentation time in the MP4
 * @param source index of the request source it came from
 * @param sourcePtsMicros presentation time in that source's local timeline
 * @param wallClock wall-clock time of the picture
 * @param boxes what was drawn and where each box came from (observed, interpolated, held); empty
 *     without overlays
 * @param redactions the regions masked on this frame, empty when the clip redacts nothing
 */
public record FrameRecord(
    int index,
    long ptsMicros,
    int source,
    long sourcePtsMicros,
    Instant wallClock,
    List<TimelineBox> boxes,
    List<RedactedRegion> redactions) {

  public FrameRecord {
    boxes = List.copyOf(boxes);
    redactions = List.copyOf(redactions);
  }
}
