package io.clipstream.recorder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one camera's recorder.
 *
 * @param segmentLength a segment is cut at the first keyframe at or after this much media time
 *     since its first frame (at least 1 s)
 * @param initialBackoff wait before the first reconnection attempt after the input dropped; doubles
 *     after every failed attempt
 * @param maxBackoff the longest wait between reconnection attempts
 * @param readTimeout an input that delivers no packet for this long counts as dropped
 * @param workDir segments are written to {@code workDir/<camera>/}
 */
public record RecorderSettings(
    Duration segmentLength,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration readTimeout,
    Path workDir) {

  public RecorderSettings {
    positive(segmentLength, "segmentLength");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    positive(readTimeout, "readTimeout");
    Objects.requireNonNull(workDir, "workDir");
    if (segmentLength.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "segmentLength must be at least 1 s, got " + segmentLength);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff ("
              + maxBackoff
              + ") must not be shorter than initialBackoff ("
              + initialBackoff
              + ")");
    }
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
