package io.clipstream.render.request;

import java.time.Instant;
import java.util.Objects;

/**
 * The event a clip is about, in wall-clock time: the renderer marks frames inside it, trims around
 * it and picks the thumbnail from it. {@code end} is exclusive.
 */
public record EventWindow(Instant start, Instant end) {

  public EventWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "Event ends (" + end + ") before it starts (" + start + ")");
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** The middle of the event, where a trimmed clip is centred. */
  public Instant middle() {
    return start.plus(java.time.Duration.between(start, end).dividedBy(2));
  }
}
