package io.clipstream.render.detections;

import java.util.List;

/** Short constructors for timeline test data: boxes 100x100 whose left edge is {@code x}. */
final class Samples {

  static final long MS = 1_000;

  private Samples() {}

  static DetectionSample at(long millis, SourceDetection... detections) {
    return new DetectionSample(millis * MS, List.of(detections));
  }

  static SourceDetection track(long id, float x) {
    return SourceDetection.tracked(x, 10, x + 100, 110, "person", id, 0.9f);
  }

  static SourceDetection untracked(String label, float x) {
    return SourceDetection.untracked(x, 10, x + 100, 110, label, 0.8f);
  }
}
