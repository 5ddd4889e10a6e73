package io.clipstream.render;

import io.clipstream.media.MediaException;
import io.clipstream.media.UrlRedaction;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.SourceSlice;
import java.io.UncheckedIOException;

/**
 * Maps low-level failures to {@link RenderException}s whose reason a service can act on, with every
 * source named as the request names it ({@link SourceSlice#name}): the locations FFmpeg opened may
 * be presigned URLs, whose credentials must not reach a failure record or a log.
 */
final class Failures {

  private Failures() {}

  static RuntimeException classify(ClipRequest request, RuntimeException e) {
    if (e instanceof RenderException r) {
      return new RenderException(r.reason(), named(request, r.getMessage()), r.getCause());
    }
    if (e instanceof MediaException m) {
      if (m.call().startsWith("avcodec_open2")
          || m.call().startsWith("avcodec_find_encoder")
          || m.call().startsWith("avcodec_send_frame")
          || m.call().startsWith("av_write_trailer")) {
        return new RenderException(
            RenderException.Reason.ENCODER, named(request, m.getMessage()), m);
      }
      return new RenderException(
          RenderException.Reason.SOURCE_UNREADABLE, named(request, m.getMessage()), m);
    }
    if (e instanceof UncheckedIOException) {
      return e; // disk trouble: infrastructure, not the request's fault
    }
    return e;
  }

  /** {@code message} with each source's location (raw or redacted) replaced by its name. */
  static String named(ClipRequest request, String message) {
    if (message == null) {
      return null;
    }
    String named = message;
    for (SourceSlice source : request.sources()) {
      named =
          named
              .replace(source.uri(), source.name())
              .replace(UrlRedaction.redact(source.uri()), source.name());
    }
    return UrlRedaction.redact(named);
  }
}
