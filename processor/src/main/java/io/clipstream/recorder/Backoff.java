package io.clipstream.recorder;

import java.time.Duration;

/** Exponential reconnection delays: initial, doubling up to max, back to initial after a reset. */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private Duration next;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The delay to wait now; the following one doubles (up to max). */
  Duration next() {
    Duration current = next;
    Duration doubled = current.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return current;
  }

  /** A connection succeeded: the next failure waits the initial delay again. */
  void reset() {
    next = initial;
  }
}
