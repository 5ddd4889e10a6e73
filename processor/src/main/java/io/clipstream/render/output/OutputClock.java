package io.clipstream.render.output;

import io.clipstream.media.Rational;

/**
 * Presentation times of output frames, in periods of the output frame rate. When the clip keeps
 * every frame at normal speed, times follow the sources' real times (variable frame rates keep
 * their rhythm) and each new source continues one period after the previous frame, so the clip is
 * continuous; otherwise (time-lapse, stride, speed) kept frames are evenly spaced.
 */
public final class OutputClock {

  private final Rational fps;
  private final boolean followSource;
  private long last = -1;
  private long base;
  private long sourceOrigin;
  private boolean newSource = true;

  public OutputClock(Rational fps, boolean followSource) {
    this.fps = fps;
    this.followSource = followSource;
  }

  /** The next source starts: its first frame follows the previous frame. */
  public void startSource() {
    newSource = true;
  }

  /** The output time (periods) of a kept frame with source time {@code sourcePts}. */
  public long next(long sourcePts) {
    if (!followSource) {
      return ++last;
    }
    if (newSource) {
      base = last + 1;
      sourceOrigin = sourcePts;
      newSource = false;
    }
    long t = base + fps.microsToTicks(sourcePts - sourceOrigin);
    last = Math.max(t, last + 1); // two frames closer than one period: keep order, never collide
    return last;
  }

  public long micros(long ticks) {
    return fps.ticksToMicros(ticks);
  }
}
