package io.clipstream.render;

/**
 * A clip cannot be rendered because of its input (missing file, window outside the video,
 * incompatible sources): retrying will not help, and the message is meant for the person who asked
 * for the clip.
 */
public class RenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why, in a word a service can put in a failure record. */
  public enum Reason {
    SOURCE_UNREADABLE,
    WINDOW_OUTSIDE_SOURCE,
    INCOMPATIBLE_SOURCES,
    NO_FRAMES,
    ENCODER
  }

  private final Reason reason;

  public RenderException(Reason reason, String message) {
    this(reason, message, null);
  }

  public RenderException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
