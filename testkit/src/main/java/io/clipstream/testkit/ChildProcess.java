package io.clipstream.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server started as a child JVM whose stdout and stderr are appended to a log file.
 *
 * <p>Every live child is tracked, and a JVM shutdown hook destroys the ones still alive: a crashed
 * or killed test JVM must not leave registries and S3 servers running on the CI machine.
 */
final class ChildProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> LIVE.forEach(child -> child.stop(Duration.ofSeconds(5))),
                "clipstream-testkit-child-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path logFile;
  private final long logOffset;

  private ChildProcess(String name, Process process, Path logFile, long logOffset) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.logOffset = logOffset;
  }

  /** Starts {@code command} in {@code workDir}, appending its output to {@code logFile}. */
  static ChildProcess start(String name, List<String> command, Path workDir, Path logFile) {
    try {
      long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      process.getOutputStream().close(); // servers read no stdin; EOF beats a pipe nobody drains
      ChildProcess child = new ChildProcess(name, process, logFile, offset);
      LIVE.add(child);
      LOG.debug("Started {} (pid {}): {}", name, process.pid(), command);
      return child;
    } catch (IOException e) {
      throw new ComponentStartupException(
          "Cannot start " + name + " with " + command + ": " + e.getMessage(), e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /**
   * Asks the child to exit (SIGTERM), then kills it (SIGKILL) after {@code grace}; returns the exit
   * code.
   */
  int stop(Duration grace) {
    try {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "{} (pid {}) did not exit within {} s of SIGTERM; killing it",
            name,
            pid(),
            grace.toSeconds());
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return process.isAlive() ? -1 : process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return -1;
    } finally {
      LIVE.remove(this);
    }
  }

  /**
   * Kills the child at once (SIGKILL: no shutdown hooks run, as in a crash or an OOM kill) and
   * waits for it to be gone; returns the exit code.
   */
  int kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return process.isAlive() ? -1 : process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } finally {
      LIVE.remove(this);
    }
  }

  /** What the child wrote to its log since it was started (at most the last 64 KiB). */
  String outputSinceStart() {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long from = Math.max(logOffset, file.length() - 65_536);
      byte[] bytes = new byte[(int) (file.length() - from)];
      file.seek(from);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last {@code lines} lines the child wrote, for exception messages. */
  String tail(int lines) {
    List<String> all = outputSinceStart().lines().toList();
    return String.join(
        System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
