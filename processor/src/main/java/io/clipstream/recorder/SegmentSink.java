package io.clipstream.recorder;

import java.time.Instant;

/**
 * Receives what a recorder produces; called on the recorder's thread, one call at a time. A slow
 * sink delays the recording (packets queue in the socket, then the input may time out), so hand
 * long work (uploads) to another thread. Exceptions are logged and otherwise ignored.
 */
public interface SegmentSink {

  /** The file is complete; the sink owns it now (uploads, then deletes it). */
  void segmentClosed(RecordedSegment segment);

  /** The stream dropped; a gap starts at {@code lastFrameEnd} (the end of the last frame). */
  void inputLost(String cameraId, Instant lastFrameEnd, String reason);

  /**
   * Connected again: the gap ends at {@code firstFrame}, the capture time of the first keyframe
   * received; {@code reconnects} counts the restorations since the recorder started.
   */
  void inputRestored(String cameraId, Instant firstFrame, int reconnects);
}
