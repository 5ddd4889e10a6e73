package io.clipstream.media;

import java.nio.file.Path;
import java.util.List;

/**
 * What a stream copy wrote.
 *
 * @param file the MP4
 * @param segments per input: where the copy really started and ended (keyframe-aligned) and how
 *     many frames
 * @param frames total video frames written
 * @param durationMicros presentation span of the output
 */
public record CopyResult(Path file, List<Segment> segments, long frames, long durationMicros) {

  public CopyResult {
    segments = List.copyOf(segments);
  }

  /**
   * The first frame's local time in the first file: at or before the requested start (a keyframe).
   */
  public long actualStartMicros() {
    return segments.get(0).actualStartMicros();
  }

  /**
   * One input's share of the output.
   *
   * @param actualStartMicros local time of the first copied frame (the keyframe at or before the
   *     request)
   * @param lastFrameMicros local time of the last copied frame
   * @param frames frames copied from this input
   * @param framePtsMicros local presentation time of every copied frame, in presentation order
   */
  public record Segment(
      String uri,
      long requestedFromMicros,
      long requestedToMicros,
      long actualStartMicros,
      long lastFrameMicros,
      long frames,
      List<Long> framePtsMicros) {

    public Segment {
      framePtsMicros = List.copyOf(framePtsMicros);
    }
  }
}
