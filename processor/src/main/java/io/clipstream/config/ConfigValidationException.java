package io.clipstream.config;

import java.util.List;

/**
 * The configuration cannot be used. The message lists every problem found, one a line, each naming
 * the key, the value (masked when secret), where it came from and the expected form, so one start
 * reports everything to fix.
 */
public final class ConfigValidationException extends RuntimeException {

  private final List<String> problems;

  ConfigValidationException(List<String> problems) {
    super(
        "Invalid configuration ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, without the heading. */
  public List<String> problems() {
    return problems;
  }
}
