package io.clipstream.render;

import io.clipstream.media.MediaException;
import java.io.UncheckedIOException;

/** Maps low-level failures to {@link RenderException}s whose reason a service can act on. */
final class Failures {

  private Failures() {}

  static RuntimeException classify(RuntimeException e) {
    if (e instanceof RenderException) {
      return e;
    }
    if (e instanceof MediaException m) {
      if (m.call().startsWith("avcodec_open2")
          || m.call().startsWith("avcodec_find_encoder")
          || m.call().startsWith("avcodec_send_frame")
          || m.call().startsWith("av_write_trailer")) {
        return new RenderException(RenderException.Reason.ENCODER, m.getMessage(), m);
      }
      return new RenderException(RenderException.Reason.SOURCE_UNREADABLE, m.getMessage(), m);
    }
    if (e instanceof UncheckedIOException) {
      return e; // disk trouble: infrastructure, not the request's fault
    }
    return e;
  }
}
