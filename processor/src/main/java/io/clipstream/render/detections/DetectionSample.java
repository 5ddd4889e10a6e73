package io.clipstream.render.detections;

import java.util.List;
import java.util.Objects;

/**
 * What the detector found on the source frame presented at {@code ptsMicros} (source-file local
 * time, in microseconds, after the camera's clock offset has been applied). An empty list is
 * meaningful: the detector ran on that frame and found nothing.
 */
public record DetectionSample(long ptsMicros, List<SourceDetection> detections) {

  /**
   * Copies the list; a null list counts as empty and null entries are dropped rather than failing.
   */
  public DetectionSample {
    detections =
        detections == null ? List.of() : detections.stream().filter(Objects::nonNull).toList();
  }
}
