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

  /** Only warnings and errors from the service (the demo prints each clip itself). */
  static void quietLogs() {
    if (LoggerFactory.getLogger("io.clipstream") instanceof Logger logback) {
      logback.setLevel(Level.WARN);
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
