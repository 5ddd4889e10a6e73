package io.clipstream.planner;

import io.clipstream.contracts.DetectionFrame;
import io.clipstream.contracts.Event;
import io.clipstream.contracts.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides, at planner time {@code now}, which pending events form clips that are ready: closed (or
 * past the maximum duration), past the grace for late detections, and covered by segments or past
 * the segment wait. Pure over the stores: it returns groups, the caller emits them.
 */
final class ClipScheduler {

  /** A group whose time has come, and the coverage it had at that moment. */
  record Decision(ClipGroup group, Coverage coverage) {}

  private final PlannerSettings settings;
  private final KeyValueStore<String, Event> events;
  private final KeyValueStore<String, Segment> segments;
  private final KeyValueStore<String, DetectionFrame> detections;

  ClipScheduler(
      PlannerSettings settings,
      KeyValueStore<String, Event> events,
      KeyValueStore<String, Segment> segments,
      KeyValueStore<String, DetectionFrame> detections) {
    this.settings = settings;
    this.events = events;
    this.segments = segments;
    this.detections = detections;
  }

  /** Groups ready at {@code now}, in camera then window order. */
  List<Decision> due(long now) {
    List<Decision> due = new ArrayList<>();
    for (List<Event> cameraEvents : pendingByCamera().values()) {
      for (List<Optional<ClipWindow>> candidate : groups(cameraEvents, now)) {
        if (candidate.stream().anyMatch(Optional::isEmpty)) {
          continue; // an open event: under MERGE it may still grow into the group
        }
        ClipGroup group = new ClipGroup(candidate.stream().map(Optional::get).toList());
        decide(group, now).ifPresent(due::add);
      }
    }
    return due;
  }

  private Optional<Decision> decide(ClipGroup group, long now) {
    long graceOver = group.waitBase() + settings.grace().toMillis();
    if (now < graceOver) {
      return Optional.empty();
    }
    Coverage coverage =
        Coverage.of(segmentsUntil(group.camera(), group.end()), group.start(), group.end());
    long waitOver =
        group.waitBase() + Math.max(settings.grace().toMillis(), settings.segmentWait().toMillis());
    if (coverage.complete() || now >= waitOver) {
      return Optional.of(new Decision(group, coverage));
    }
    return Optional.empty();
  }

  /** Detection frames of {@code camera} captured in [from, to) (detector clock). */
  List<DetectionFrame> frames(String camera, long from, long to) {
    List<DetectionFrame> frames = new ArrayList<>();
    try (KeyValueIterator<String, DetectionFrame> it =
        detections.range(StoreKeys.from(camera, from), StoreKeys.from(camera, to))) {
      it.forEachRemaining(kv -> frames.add(kv.value));
    }
    return frames;
  }

  private List<Segment> segmentsUntil(String camera, long end) {
    List<Segment> found = new ArrayList<>();
    try (KeyValueIterator<String, Segment> it =
        segments.range(StoreKeys.from(camera, 0), StoreKeys.from(camera, end))) {
      it.forEachRemaining(kv -> found.add(kv.value));
    }
    return found;
  }

  private Map<String, List<Event>> pendingByCamera() {
    Map<String, List<Event>> byCamera = new LinkedHashMap<>();
    try (KeyValueIterator<String, Event> it = events.all()) {
      it.forEachRemaining(
          kv ->
              byCamera
                  .computeIfAbsent(StoreKeys.camera(kv.key), c -> new ArrayList<>())
                  .add(kv.value));
    }
    return byCamera;
  }

  /**
   * PER_EVENT: each event alone. MERGE: events whose windows overlap, transitively; an open event
   * counts as reaching to the end of time, so nothing it may overlap is planned before it closes.
   */
  private List<List<Optional<ClipWindow>>> groups(List<Event> cameraEvents, long now) {
    List<Optional<ClipWindow>> windows = new ArrayList<>();
    cameraEvents.forEach(e -> windows.add(ClipWindow.of(settings, e, now)));
    List<List<Optional<ClipWindow>>> groups = new ArrayList<>();
    if (settings.overlapPolicy() == OverlapPolicy.PER_EVENT) {
      windows.forEach(w -> groups.add(List.of(w)));
      return groups;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong(i -> provisionalStart(cameraEvents.get(i))));
    long groupEnd = Long.MIN_VALUE;
    List<Optional<ClipWindow>> current = null;
    for (int i : order) {
      long start = provisionalStart(cameraEvents.get(i));
      long end = windows.get(i).map(ClipWindow::end).orElse(Long.MAX_VALUE);
      if (current == null || start >= groupEnd) {
        current = new ArrayList<>();
        groups.add(current);
        groupEnd = end;
      } else {
        groupEnd = Math.max(groupEnd, end);
      }
      current.add(windows.get(i));
    }
    return groups;
  }

  private long provisionalStart(Event e) {
    // Window start in the recorder clock with this event's effective pre-roll.
    return ClipWindow.of(settings, Event.newBuilder(e).setEnd(e.getStart()).build(), Long.MIN_VALUE)
        .orElseThrow()
        .start();
  }
}
