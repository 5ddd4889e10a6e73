package io.clipstream.storage;

/**
 * Storing a clip failed. The message says what failed (operation, bucket and key or file, endpoint,
 * never a secret), why, and what to do; {@link #retryable()} says whether trying the same clip
 * again later may succeed (an outage, a timeout) or not until a person changes something (bad
 * credentials, a missing bucket).
 */
public class StorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;
  private final String detail;

  public StorageException(String message, boolean retryable, Throwable cause) {
    super(message + (retryable ? " [retryable]" : " [not retryable]"), cause);
    this.retryable = retryable;
    this.detail = message;
  }

  /** The message without the retryable tag. */
  public String detail() {
    return detail;
  }

  /**
   * True for transient failures (5xx, throttling, connection refused, timeouts) that remained after
   * the store's own retries; false for failures that need a person (credentials, bucket, config).
   */
  public boolean retryable() {
    return retryable;
  }
}
