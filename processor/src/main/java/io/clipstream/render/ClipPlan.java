package io.clipstream.render;

import io.clipstream.media.Rational;
import java.util.List;

/**
 * The decisions made before any frame is decoded: which ranges of which files, at what size, which
 * frames are kept (every {@code stride}-th) and at what output frame rate.
 *
 * @param sources the ranges to read, in playing order
 * @param width output width (even)
 * @param height output height (even)
 * @param sourceFps frame rate of the first source
 * @param outputFps frame rate of the MP4 (never above the source's)
 * @param stride keep every n-th frame of the window
 * @param preservesTiming output times follow the source times (no frames dropped, speed 1)
 */
record ClipPlan(
    List<PlannedSource> sources,
    int width,
    int height,
    Rational sourceFps,
    Rational outputFps,
    int stride,
    boolean preservesTiming) {

  ClipPlan {
    sources = List.copyOf(sources);
  }

  long totalMicros() {
    return sources.stream().mapToLong(s -> s.source().durationMicros()).sum();
  }
}
