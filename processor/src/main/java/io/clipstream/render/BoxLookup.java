package io.clipstream.render;

import io.clipstream.render.detections.TimelineBox;
import java.util.List;
import java.util.Set;

/**
 * The boxes to draw on a frame of one source at a local presentation time, each with its origin
 * (observed, interpolated or held). The seam between the pipeline and the detection timeline.
 */
@FunctionalInterface
interface BoxLookup {

  BoxLookup NONE = (pts, focus) -> List.of();

  List<TimelineBox> boxesAt(long ptsMicros, Set<Long> focusTracks);
}
