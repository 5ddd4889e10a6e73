package io.clipstream.ingest.mapping;

import java.util.Map;

/**
 * Per-camera factors from the detector's pixels to the recording's: a detector that ran on a
 * 640x360 substream of a 1920x1080 recording has factor 3. Cameras not listed keep factor 1.
 */
public record BoxScales(Map<String, Double> factors) {

  public BoxScales {
    factors = Map.copyOf(factors);
  }

  public static BoxScales none() {
    return new BoxScales(Map.of());
  }

  public double factor(String cameraId) {
    return factors.getOrDefault(cameraId, 1.0);
  }
}
