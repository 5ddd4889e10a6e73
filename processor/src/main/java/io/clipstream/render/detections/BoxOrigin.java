package io.clipstream.render.detections;

/**
 * Why a box is on a frame; recorded in the side-car so a reviewer can tell observed from derived
 * boxes.
 */
public enum BoxOrigin {
  /** The detector reported it on this very frame (within the matching tolerance). */
  OBSERVED,
  /** Linearly interpolated between two observations of the same track. */
  INTERPOLATED,
  /** The last observation, kept visible for at most the hold time. */
  HELD
}
