package io.clipstream.media;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * An {@link FFmpegFrameGrabber} that counts the video pictures it really decodes, including those
 * JavaCV decodes inside {@code setTimestamp} to reach a seek target. The count is how tests prove
 * that a late window is reached by seeking rather than by decoding from the first frame.
 */
final class CountingGrabber extends FFmpegFrameGrabber {

  private long decodedVideoFrames;
  private boolean lastWasVideo;
  private boolean replayPending;

  CountingGrabber(String uri) {
    super(uri);
  }

  @Override
  public synchronized Frame grabFrame(
      boolean doAudio, boolean doVideo, boolean doProcessing, boolean keyFrames, boolean doData)
      throws Exception {
    Frame frame = super.grabFrame(doAudio, doVideo, doProcessing, keyFrames, doData);
    boolean video = frame != null && frame.image != null && frame.type == Frame.Type.VIDEO;
    if (video) {
      if (replayPending) {
        replayPending =
            false; // JavaCV hands back the picture its seek stopped on: not a new decode
      } else {
        decodedVideoFrames++;
      }
    } else {
      replayPending = false;
    }
    lastWasVideo = video;
    return frame;
  }

  /**
   * Seeks to the keyframe at or before {@code targetMicros} (relative to the container start,
   * JavaCV's convention) and lets JavaCV decode forward to the first frame at or after it without
   * converting pixels.
   */
  synchronized void seekBackwardAndDecodeTo(long targetMicros) throws Exception {
    // JavaCV compares against the last grabbed timestamp; a stale later value would make it decode
    // (and throw away) up to 1000 frames after the seek. Long.MIN_VALUE means "nothing grabbed
    // yet".
    timestamp = Long.MIN_VALUE;
    setTimestamp(targetMicros, false);
    replayPending = lastWasVideo;
  }

  long decodedVideoFrames() {
    return decodedVideoFrames;
  }
}
