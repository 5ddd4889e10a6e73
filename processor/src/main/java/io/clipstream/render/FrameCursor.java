package io.clipstream.render;

import io.clipstream.media.VideoFrame;
import io.clipstream.media.VideoSource;

/**
 * The reading side of a decoder as {@link DecodeAhead} uses it: the three calls of {@link
 * VideoSource} a pass needs. An interface so that the decode-ahead logic can be tested against
 * sources that fail on cue.
 */
interface FrameCursor {

  /** Positions the cursor so that {@link #next()} returns the first frame at or after the time. */
  void seekTo(long fromMicros);

  /** The next frame in presentation order (a view, overwritten by the next call), null at end. */
  VideoFrame next();

  /** Makes the frame last returned by {@link #next()} come back on the next call. */
  void pushBack();

  static FrameCursor of(VideoSource source) {
    return new FrameCursor() {
      @Override
      public void seekTo(long fromMicros) {
        source.seekTo(fromMicros);
      }

      @Override
      public VideoFrame next() {
        return source.next();
      }

      @Override
      public void pushBack() {
        source.pushBack();
      }
    };
  }
}
