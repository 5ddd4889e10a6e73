package io.clipstream.render.input;

/** Input a person supplied is wrong (a file, a line, a value); the message says where and why. */
public class BadInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
