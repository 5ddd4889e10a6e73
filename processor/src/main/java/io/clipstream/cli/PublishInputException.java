package io.clipstream.cli;

/** A JSONL line that does not describe a valid record; the message names the field and the form. */
final class PublishInputException extends Exception {

  private static final long serialVersionUID = 1L;

  PublishInputException(String message) {
    super(message, null, false, false);
  }
}
