package io.clipstream.planner;

/** What the planner does with events of one camera whose clip windows overlap. */
public enum OverlapPolicy {
  /** One clip per event, even when windows overlap (footage appears in several clips). */
  PER_EVENT,
  /**
   * Overlapping windows of one camera become one clip covering their union; the clip waits until
   * every event of the group is ready.
   */
  MERGE
}
