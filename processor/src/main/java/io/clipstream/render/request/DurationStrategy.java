package io.clipstream.render.request;

/** What to do when a clip's window is longer than {@link RenderSettings#maxDurationMicros()}. */
public enum DurationStrategy {
  /** Keep every frame of the window, however long. */
  KEEP,
  /** Cut the window down to the maximum duration, centred on the event. */
  TRIM,
  /**
   * Keep every n-th frame so the clip plays in at most the maximum duration (frame rate never
   * raised).
   */
  TIMELAPSE,
  /**
   * Keep every {@link RenderSettings#stride()}-th frame, played at {@link RenderSettings#speed()}.
   */
  STRIDE
}
