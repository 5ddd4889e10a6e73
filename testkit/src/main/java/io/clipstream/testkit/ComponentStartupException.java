package io.clipstream.testkit;

/**
 * A real test component could not be found, started, configured or stopped.
 *
 * <p>The message always says what went wrong and what to do about it (which log to read, which
 * property to set), because the person reading it is usually looking at a failed CI build, not at
 * this code.
 */
public class ComponentStartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with an actionable message. */
  public ComponentStartupException(String message) {
    super(message);
  }

  /** Creates the exception with an actionable message and the underlying cause. */
  public ComponentStartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
