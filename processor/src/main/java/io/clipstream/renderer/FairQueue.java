package io.clipstream.renderer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The pending clips of one task in the order they should render: cameras take turns (the camera
 * served longest ago goes first), and within a camera the oldest event goes first. So one camera's
 * backlog of a hundred clips delays another camera's single clip by one render, not by a hundred. A
 * clip that failed and waits to be retried is skipped until it is due. Not thread-safe: it belongs
 * to one task's processor, on its stream thread.
 */
final class FairQueue {

  /** One pending clip: its camera, its event's start (older first), arrival, and when it is due. */
  private record Entry(String clipId, String camera, long eventStart, long arrival, long dueAt) {}

  private static final Comparator<Entry> OLDEST_FIRST =
      Comparator.comparingLong(Entry::eventStart)
          .thenComparingLong(Entry::arrival)
          .thenComparing(Entry::clipId);

  private final Map<String, Entry> byClip = new HashMap<>();

  /** Each camera's clips, oldest first. */
  private final Map<String, TreeSet<Entry>> byCamera = new HashMap<>();

  /**
   * When each camera was last served (a counter); a camera never served goes first. Kept after a
   * camera's queue empties, so a camera that just had its turn does not jump the line with its next
   * clip. One entry per camera of the task: a few hundred at most.
   */
  private final Map<String, Long> lastServed = new HashMap<>();

  private long arrivals;
  private long turns;

  /** Adds a clip due now; a clip already queued keeps its place and due time. */
  void add(String clipId, String camera, long eventStart) {
    if (byClip.containsKey(clipId)) {
      return;
    }
    put(new Entry(clipId, camera, eventStart, arrivals++, 0L));
  }

  /** Makes a queued clip due now again (a forced command came in while it rendered). */
  void dueNow(String clipId) {
    retryAt(clipId, 0L);
  }

  /** Keeps a queued clip back until {@code dueAt} (a retry's backoff). */
  void retryAt(String clipId, long dueAt) {
    Entry e = remove(clipId);
    if (e != null) {
      put(new Entry(e.clipId(), e.camera(), e.eventStart(), e.arrival(), dueAt));
    }
  }

  /** Removes a clip; its camera keeps its place in the turn order. */
  private Entry remove(String clipId) {
    Entry e = byClip.remove(clipId);
    if (e != null) {
      TreeSet<Entry> camera = byCamera.get(e.camera());
      camera.remove(e);
      if (camera.isEmpty()) {
        byCamera.remove(e.camera());
      }
    }
    return e;
  }

  /** Forgets a clip (answered, or its command is gone). */
  void forget(String clipId) {
    remove(clipId);
  }

  private void put(Entry e) {
    byClip.put(e.clipId(), e);
    byCamera.computeIfAbsent(e.camera(), c -> new TreeSet<>(OLDEST_FIRST)).add(e);
  }

  boolean contains(String clipId) {
    return byClip.containsKey(clipId);
  }

  int size() {
    return byClip.size();
  }

  /**
   * Up to {@code limit} clips due at {@code now} and not {@code busy}, in render order: the oldest
   * of each camera in turn order, then the second oldest of each, and so on.
   */
  List<String> due(long now, Predicate<String> busy, int limit) {
    List<Iterator<Entry>> cameras = new ArrayList<>();
    byCamera.keySet().stream()
        .sorted(
            Comparator.comparingLong((String c) -> lastServed.getOrDefault(c, -1L))
                .thenComparing(Comparator.naturalOrder()))
        .forEach(c -> cameras.add(byCamera.get(c).iterator()));
    List<String> order = new ArrayList<>();
    while (order.size() < limit && !cameras.isEmpty()) {
      Iterator<Iterator<Entry>> round = cameras.iterator();
      while (round.hasNext() && order.size() < limit) {
        Iterator<Entry> camera = round.next();
        Entry next = nextDue(camera, now, busy);
        if (next == null) {
          round.remove();
        } else {
          order.add(next.clipId());
        }
      }
    }
    return order;
  }

  private static Entry nextDue(Iterator<Entry> camera, long now, Predicate<String> busy) {
    while (camera.hasNext()) {
      Entry e = camera.next();
      if (e.dueAt() <= now && !busy.test(e.clipId())) {
        return e;
      }
    }
    return null;
  }

  /** Records that {@code clipId}'s camera was served: it goes to the back of the turn order. */
  void served(String clipId) {
    Entry e = byClip.get(clipId);
    if (e != null) {
      lastServed.put(e.camera(), ++turns);
    }
  }
}
