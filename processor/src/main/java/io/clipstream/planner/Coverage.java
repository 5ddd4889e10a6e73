package io.clipstream.planner;

import io.clipstream.contracts.Segment;
import io.clipstream.contracts.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which recorded segments cover a window, and the parts of it none covers.
 *
 * @param segments segments overlapping the window, by start time
 * @param gaps parts of the window without recording, in time order
 */
record Coverage(List<Segment> segments, List<TimeRange> gaps) {

  /** Coverage of [{@code start}, {@code end}) by {@code candidates} (sorted by start). */
  static Coverage of(List<Segment> candidates, long start, long end) {
    List<Segment> overlapping = new ArrayList<>();
    List<TimeRange> gaps = new ArrayList<>();
    long covered = start; // everything before this instant is covered
    for (Segment s : candidates) {
      long segStart = s.getStart().toEpochMilli();
      long segEnd = s.getEnd().toEpochMilli();
      if (segEnd <= start || segStart >= end) {
        continue;
      }
      overlapping.add(s);
      if (segStart > covered) {
        gaps.add(range(covered, segStart));
      }
      covered = Math.max(covered, segEnd);
    }
    if (covered < end) {
      gaps.add(range(covered, end));
    }
    return new Coverage(List.copyOf(overlapping), List.copyOf(gaps));
  }

  boolean complete() {
    return gaps.isEmpty();
  }

  boolean empty() {
    return segments.isEmpty();
  }

  private static TimeRange range(long from, long to) {
    return new TimeRange(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
  }
}
