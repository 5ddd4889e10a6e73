package io.clipstream.planner;

/**
 * A record that can be read but not used (a segment that ends before it starts, a frame without a
 * camera key). Thrown from processing so that {@link PlannerProcessingHandler} sends the original
 * record to the dead-letter topic with this message in its headers, and the planner goes on.
 */
final class InvalidInputException extends RuntimeException {

  InvalidInputException(String message) {
    super(message);
  }
}
