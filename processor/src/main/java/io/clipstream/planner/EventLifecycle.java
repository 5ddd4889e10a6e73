package io.clipstream.planner;

import io.clipstream.contracts.Event;

/** How a new version of an event combines with the stored one. */
final class EventLifecycle {

  private EventLifecycle() {}

  /**
   * The version to keep: the incoming one, unless both carry {@code updated_at} and the stored one
   * is newer (updates that arrive out of order). An end once seen is never removed by a later
   * version without one, since an event is not reopened.
   */
  static Event apply(Event stored, Event incoming) {
    if (stored == null) {
      return incoming;
    }
    if (stored.getUpdatedAt() != null
        && incoming.getUpdatedAt() != null
        && incoming.getUpdatedAt().isBefore(stored.getUpdatedAt())) {
      return stored;
    }
    if (incoming.getEnd() == null && stored.getEnd() != null) {
      return Event.newBuilder(incoming).setEnd(stored.getEnd()).build();
    }
    return incoming;
  }
}
