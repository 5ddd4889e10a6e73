package io.clipstream.render.request;

import io.clipstream.render.detections.DetectionSample;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One file's share of a clip: a range of its local timeline (0 = the file's first frame) and the
 * detections of that file, keyed to the same local timeline.
 *
 * @param uri file path or URI
 * @param fromMicros start of the range, inclusive: a frame belongs to the clip when from <= pts <
 *     to
 * @param toMicros end of the range, exclusive
 * @param wallClockAtZero wall-clock time of the file's local 0 (for banners, events and the
 *     side-car)
 * @param detections detection samples of this file, at local presentation times
 */
public record SourceSlice(
    String uri,
    long fromMicros,
    long toMicros,
    Instant wallClockAtZero,
    List<DetectionSample> detections) {

  public SourceSlice {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(wallClockAtZero, "wallClockAtZero");
    detections = List.copyOf(detections);
    if (fromMicros < 0 || toMicros <= fromMicros) {
      throw new IllegalArgumentException(
          "Range of "
              + uri
              + " must satisfy 0 <= from < to, got "
              + fromMicros
              + ".."
              + toMicros
              + " us");
    }
  }

  /** A whole-window source without detections, its local 0 at the Unix epoch (handy for tests). */
  public static SourceSlice of(String uri, long fromMicros, long toMicros) {
    return new SourceSlice(uri, fromMicros, toMicros, Instant.EPOCH, List.of());
  }

  public long durationMicros() {
    return toMicros - fromMicros;
  }

  /** Wall-clock time of a local presentation time. */
  public Instant wallClock(long localMicros) {
    return wallClockAtZero.plusNanos(localMicros * 1000);
  }

  /** Local time of a wall-clock instant (may fall outside the range). */
  public long localMicros(Instant wallClock) {
    java.time.Duration d = java.time.Duration.between(wallClockAtZero, wallClock);
    return d.getSeconds() * 1_000_000L + d.getNano() / 1000;
  }

  public SourceSlice withRange(long from, long to) {
    return new SourceSlice(uri, from, to, wallClockAtZero, detections);
  }
}
