package io.clipstream.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Turns the service's log down to warnings and Kafka's to errors while a command prints its own
 * lines (the demo, the benchmarks); closing puts the levels back.
 */
public final class QuietLogs implements AutoCloseable {

  private final Map<String, Level> previous = new LinkedHashMap<>();

  private QuietLogs() {}

  /** Quiet from now until {@link #close}. */
  public static QuietLogs start() {
    QuietLogs quiet = new QuietLogs();
    quiet.set("io.clipstream", Level.WARN);
    // The in-process broker and clients warn about what is normal here (an empty metadata log at
    // first start, a state directory under /tmp).
    quiet.set("org.apache.kafka", Level.ERROR);
    return quiet;
  }

  private void set(String name, Level level) {
    if (LoggerFactory.getLogger(name) instanceof Logger logback) {
      previous.put(name, logback.getLevel());
      logback.setLevel(level);
    }
  }

  @Override
  public void close() {
    previous.forEach(
        (name, level) -> {
          if (LoggerFactory.getLogger(name) instanceof Logger logback) {
            logback.setLevel(level);
          }
        });
  }
}
