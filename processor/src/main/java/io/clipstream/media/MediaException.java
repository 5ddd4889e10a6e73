package io.clipstream.media;

import java.util.Objects;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * A native FFmpeg call failed. The message says what was called, the return code (with FFmpeg's own
 * description), on which input or output, and a hint a person can act on.
 *
 * <p>Unchecked so that the render pipeline can let it travel to the one place that classifies
 * errors (bad input versus infrastructure) instead of wrapping it at every layer.
 */
public class MediaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String call;
  private final int code;
  private final String input;

  public MediaException(String call, int code, String input, String hint) {
    this(call, code, input, hint, null);
  }

  public MediaException(String call, int code, String input, String hint, Throwable cause) {
    // Inputs may be presigned URLs: the message (which reaches logs and clips.failed) never
    // carries their credentials.
    super(UrlRedaction.redact(format(call, code, input, hint)), cause);
    this.call = Objects.requireNonNull(call, "call");
    this.code = code;
    this.input = input;
  }

  /** Throws when {@code ret} is negative (FFmpeg's error convention); returns it otherwise. */
  public static int check(int ret, String call, String input, String hint) {
    if (ret < 0) {
      throw new MediaException(call, ret, input, hint);
    }
    return ret;
  }

  /** The native function (or JavaCV method) that failed. */
  public String call() {
    return call;
  }

  /**
   * FFmpeg's negative error code, or 0 when the failure had no code (a missing codec, a null
   * result).
   */
  public int code() {
    return code;
  }

  /** The file or URI the call was working on, as opened (may hold credentials: never log it). */
  public String input() {
    return input;
  }

  private static String format(String call, int code, String input, String hint) {
    StringBuilder message = new StringBuilder(call).append(" failed");
    if (code != 0) {
      message.append(" with ").append(code).append(" (").append(describe(code)).append(')');
    }
    if (input != null) {
      message.append(" on '").append(input).append('\'');
    }
    if (hint != null && !hint.isBlank()) {
      message.append(": ").append(hint);
    }
    return message.toString();
  }

  /** FFmpeg's text for an error code (av_strerror), e.g. "No such file or directory". */
  static String describe(int code) {
    try {
      byte[] buffer = new byte[256];
      if (avutil.av_strerror(code, buffer, buffer.length) < 0) {
        return "unknown error";
      }
      int length = 0;
      while (length < buffer.length && buffer[length] != 0) {
        length++;
      }
      return new String(buffer, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    } catch (LinkageError e) {
      return "unknown error (FFmpeg natives not loaded)";
    }
  }
}
