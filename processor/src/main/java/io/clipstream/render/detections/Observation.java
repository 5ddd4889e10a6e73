package io.clipstream.render.detections;

/**
 * A cleaned detection at its sample's pts, linked to the previous and next observation of the same
 * track (null for untracked detections and at the ends of a track), so a frame lookup finds the
 * neighbours of a track in O(1).
 */
final class Observation {

  final long pts;
  final int sample;
  final SourceDetection detection;
  Observation previous;
  Observation next;

  Observation(long pts, int sample, SourceDetection detection) {
    this.pts = pts;
    this.sample = sample;
    this.detection = detection;
  }

  boolean tracked() {
    return detection.trackId().isPresent();
  }

  long track() {
    return detection.trackId().getAsLong();
  }
}
