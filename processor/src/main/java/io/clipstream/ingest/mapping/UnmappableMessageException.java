package io.clipstream.ingest.mapping;

/**
 * A message that was read but cannot become a contract record (wrong JSON shape, unknown schema
 * version, a box outside the frame). Its message says what was wrong and what to change; the ingest
 * topology sends the original bytes to the dead-letter topic with it.
 */
public final class UnmappableMessageException extends RuntimeException {

  public UnmappableMessageException(String message) {
    super(message);
  }
}
