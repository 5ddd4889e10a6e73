package io.clipstream.render;

import io.clipstream.media.VideoFrame;

/** The decoded frames of one pass, in presentation order, as the render thread takes them. */
interface FrameFeed extends AutoCloseable {

  /**
   * The next frame, or null when the pass is over; valid until the next call. Throws what the
   * decoder threw.
   */
  VideoFrame next() throws InterruptedException;

  /** Frames handed over so far. */
  long framesRead();

  /** Stops decoding; the decoder is not touched after this returns. */
  @Override
  void close();
}
