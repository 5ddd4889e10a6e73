package io.clipstream.render.output;

import io.clipstream.render.detections.TimelineBox;
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
 */
public record FrameRecord(
    int index,
    long ptsMicros,
    int source,
    long sourcePtsMicros,
    Instant wallClock,
    List<TimelineBox> boxes) {}
