package io.clipstream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** Keeps the demo's console to its own lines: the clips, not the service's log. */
final class DemoConsole {

  private DemoConsole() {}

  /** Only the service's warnings and errors (the demo prints each clip itself). */
  static void quietLogs() {
    setLevel("io.clipstream", Level.WARN);
    // The in-process broker and clients warn about things that are normal for a demo (an empty
    // metadata log at first start, a state directory under /tmp).
    setLevel("org.apache.kafka", Level.ERROR);
  }

  private static void setLevel(String logger, Level level) {
    if (LoggerFactory.getLogger(logger) instanceof Logger logback) {
      logback.setLevel(level);
    }
  }

  /** Runs {@code action} with stdout discarded: Kafka's formatter prints its metadata there. */
  static <T> T withoutStdout(Supplier<T> action) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return action.get();
    } finally {
      System.setOut(original);
    }
  }
}
