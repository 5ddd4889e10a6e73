package io.clipstream.planner;

import io.clipstream.streams.RejectedInputHandler;

/**
 * Input the planner rejects ({@link InvalidInputException}) goes to the dead-letter topic, with the
 * reason in the {@code __streams.errors.*} headers and the time of writing as its timestamp, and
 * processing continues. Any other exception is a bug or an infrastructure failure: it fails the
 * stream thread instead of silently dropping records.
 */
public class PlannerProcessingHandler extends RejectedInputHandler {

  @Override
  protected boolean rejected(Throwable t) {
    return t instanceof InvalidInputException;
  }
}
