package io.clipstream.provenance;

/** Signing or reading Content Credentials failed; the message says what and what to do. */
public class ProvenanceException extends RuntimeException {

  public ProvenanceException(String message) {
    super(message);
  }

  public ProvenanceException(String message, Throwable cause) {
    super(message, cause);
  }
}
