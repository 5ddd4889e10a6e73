package io.clipstream.recorder;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * Reconnection delays of a live input: initial, doubling up to max, back to initial after a reset.
 * The delays come from resilience4j's exponential interval function, the policy every other retry
 * of Clipstream uses; the recorder keeps its own loop because it reconnects until it is closed
 * rather than for a number of attempts.
 */
final class Backoff {

  private final IntervalFunction intervals;
  private int failures;

  Backoff(Duration initial, Duration max) {
    this.intervals = IntervalFunction.ofExponentialBackoff(initial, 2.0, max);
  }

  /** The delay to wait now; the following one doubles (up to max). */
  Duration next() {
    failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
    return Duration.ofMillis(intervals.apply(failures));
  }

  /** A connection succeeded: the next failure waits the initial delay again. */
  void reset() {
    failures = 0;
  }
}
