package io.clipstream.backend;

import io.clipstream.contracts.FailureReason;

/** A render command that cannot be carried out as written; the message is for its author. */
final class CommandRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final FailureReason reason;

  CommandRejectedException(FailureReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  FailureReason reason() {
    return reason;
  }
}
