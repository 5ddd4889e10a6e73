package io.clipstream.render;

import io.clipstream.media.VideoFrame;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a pass on the render thread, between encodes: no thread and no copy (the render thread
 * draws into the decoder's own picture before asking for the next). Where cores are few, x264's
 * threads already keep them busy and a decoder thread only competes with them (see {@link
 * DecodeMode}).
 */
final class DecodeInline implements FrameFeed {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeInline.class);

  private final IntervalReader reader;
  private final String name;
  private long framesRead;

  DecodeInline(FrameCursor cursor, List<DecodeAhead.Interval> intervals, String name) {
    this.reader = new IntervalReader(cursor, intervals);
    this.name = name;
  }

  @Override
  public VideoFrame next() {
    VideoFrame frame = reader.next();
    if (frame != null) {
      framesRead++;
    }
    return frame;
  }

  @Override
  public long framesRead() {
    return framesRead;
  }

  @Override
  public void close() {
    LOG.debug(
        "Decode inline {}: {} frames, decoder busy {} ms",
        name,
        framesRead,
        reader.busyNanos() / 1_000_000);
  }
}
