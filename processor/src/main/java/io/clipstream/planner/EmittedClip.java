package io.clipstream.planner;

/**
 * What the planner remembers of a planned event (value of the {@link PlannerNames#EMITTED_STORE},
 * stored as {@code clipId,windowStart,windowEnd,plannedAt,outcome} text so it needs no schema).
 *
 * @param outcome {@code COMMAND} or the failure reason
 */
record EmittedClip(
    String clipId, long windowStart, long windowEnd, long plannedAt, String outcome) {

  String encode() {
    return clipId + ',' + windowStart + ',' + windowEnd + ',' + plannedAt + ',' + outcome;
  }

  static EmittedClip decode(String text) {
    String[] p = text.split(",", 5);
    return new EmittedClip(
        p[0], Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), p[4]);
  }
}
