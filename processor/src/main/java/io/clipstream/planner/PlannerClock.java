package io.clipstream.planner;

/**
 * The planner's notion of "now": the task's stream time, which follows the data (see {@link
 * PlannerTimestamps}), so replays take the same decisions as the live run. When stream time has not
 * moved for {@code idleAdvanceAfter} of wall-clock time (a quiet partition, a camera whose detector
 * stopped), the clock runs on with the wall clock from the last stream time, so waiting clips still
 * finish. It is per processor instance and not persisted: after a restart it starts from the
 * restored stream time again, which only delays decisions.
 */
final class PlannerClock {

  private final long idleAdvanceAfterMs;
  private long streamTime = -1;
  private long wallAtAdvance = -1;

  PlannerClock(long idleAdvanceAfterMs) {
    this.idleAdvanceAfterMs = idleAdvanceAfterMs;
  }

  /** Records the task's stream time as seen at wall-clock {@code wallNow}. */
  void observe(long taskStreamTime, long wallNow) {
    if (taskStreamTime > streamTime || wallAtAdvance < 0) {
      streamTime = Math.max(streamTime, taskStreamTime);
      wallAtAdvance = wallNow;
    }
  }

  /** Planner time at {@code wallNow}; negative while no record has been seen. */
  long now(long wallNow) {
    if (streamTime < 0) {
      return -1;
    }
    long idle = wallNow - wallAtAdvance;
    return idle > idleAdvanceAfterMs ? streamTime + idle : streamTime;
  }
}
