package io.clipstream.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events that become one clip: one event under {@link OverlapPolicy#PER_EVENT}, the overlapping
 * events of a camera under {@link OverlapPolicy#MERGE}. The window is the union of the members'.
 *
 * @param members events, earliest window start first
 */
record ClipGroup(List<ClipWindow> members) {

  ClipGroup {
    members =
        members.stream()
            .sorted(
                Comparator.comparingLong(ClipWindow::start)
                    .thenComparing(w -> w.event().getEventId()))
            .toList();
  }

  ClipWindow primary() {
    return members.get(0);
  }

  long start() {
    return members.stream().mapToLong(ClipWindow::start).min().orElseThrow();
  }

  long end() {
    return members.stream().mapToLong(ClipWindow::end).max().orElseThrow();
  }

  /** Stream time (detector clock) that grace and segment wait count from. */
  long waitBase() {
    return members.stream().mapToLong(ClipWindow::waitBase).max().orElseThrow();
  }

  boolean autoClosed() {
    return members.stream().anyMatch(ClipWindow::autoClosed);
  }

  List<String> sortedEventIds() {
    List<String> ids = new ArrayList<>();
    members.forEach(w -> ids.add(w.event().getEventId()));
    ids.sort(null);
    return ids;
  }

  String camera() {
    return primary().event().getCameraId();
  }

  String clipId() {
    return ClipIds.clipId(camera(), sortedEventIds(), start(), end());
  }
}
