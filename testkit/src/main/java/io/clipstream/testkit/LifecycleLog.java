package io.clipstream.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the harness's own "starting / started / stopped" lines into a component's log file.
 *
 * <p>Written straight to the file (not through SLF4J) so that they land in {@code target/it-logs/}
 * whatever logging configuration the consuming module has. Child processes write to the same files
 * in append mode, and the harness only writes before a child starts or after it exits, so lines
 * never interleave.
 */
final class LifecycleLog {

  private static final Logger LOG = LoggerFactory.getLogger(LifecycleLog.class);
  private static final long JVM =
      ProcessHandle.current().pid(); // tells runs (and concurrent forks) apart

  private LifecycleLog() {}

  /** Appends one timestamped line to {@code file} and mirrors it to SLF4J at INFO. */
  static void append(Path file, String message) {
    LOG.info("{} ({})", message, file.getFileName());
    String line =
        Instant.now().truncatedTo(ChronoUnit.MILLIS)
            + " [clipstream-testkit jvm="
            + JVM
            + "] "
            + message
            + System.lineSeparator();
    try {
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // Losing a diagnostic line must not fail a test run.
      LOG.warn("Cannot append to {}: {}", file, e.toString());
    }
  }
}
