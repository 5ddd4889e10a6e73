package io.clipstream.render;

import io.clipstream.render.detections.DetectionTimeline;
import io.clipstream.render.detections.TimelineOptions;
import io.clipstream.render.request.RenderSettings;

/**
 * Builds a source's {@link BoxLookup} from its detections and the hold and interpolation settings.
 */
final class BoxLookups {

  private BoxLookups() {}

  static BoxLookup forSource(PlannedSource source, RenderSettings settings) {
    if (source.source().detections().isEmpty()) {
      return BoxLookup.NONE;
    }
    // A sample belongs to the frame within half a frame period: detectors report times rounded
    // their own way.
    TimelineOptions options =
        new TimelineOptions(
            settings.holdMicros(),
            settings.interpolate(),
            settings.maxInterpolationGapMicros(),
            TimelineOptions.halfFrameMicros(source.info().frameRate().toDouble()));
    DetectionTimeline timeline =
        DetectionTimeline.of(
            source.source().detections(), options, source.info().width(), source.info().height());
    return (pts, focus) -> timeline.frameAt(pts, focus).boxes();
  }
}
