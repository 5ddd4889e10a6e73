package io.clipstream.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code java -jar clipstream.jar run} child process of a {@link ServiceRun}, with its own
 * state and work directories (as if on its own machine) and its output in a log file.
 */
final class CrashInstance implements AutoCloseable {

  /** Exit status of a JVM killed by SIGKILL (128 + 9), as {@link Process#exitValue()} reports. */
  static final int SIGKILL_STATUS = 137;

  private final int number;
  private final Path home;
  private final Path log;
  private final Process process;

  private CrashInstance(int number, Path home, Path log, Process process) {
    this.number = number;
    this.home = home;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts instance {@code number} of the service with {@code common} settings plus its own {@code
   * state.dir} and {@code render.work.dir} under {@code home}, and {@code env} added to the
   * environment (after removing every inherited {@code CLIPSTREAM_*} variable); its output goes to
   * {@code <logName>.log} in {@code logDir}.
   */
  static CrashInstance start(
      Path jar,
      String logName,
      int number,
      Path home,
      Path logDir,
      Map<String, String> common,
      Map<String, String> env)
      throws IOException {
    Files.createDirectories(home);
    Files.createDirectories(logDir);
    StringBuilder properties = new StringBuilder();
    common.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
    properties.append("state.dir=").append(home.resolve("state")).append('\n');
    properties.append("render.work.dir=").append(home.resolve("work")).append('\n');
    Path config =
        Files.writeString(
            home.resolve("clipstream.properties"), properties, StandardCharsets.UTF_8);
    Path log = logDir.resolve(logName + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toAbsolutePath().toString(),
                "run",
                "--config",
                config.toString()));
    builder.environment().keySet().removeIf(k -> k.startsWith("CLIPSTREAM_"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new CrashInstance(number, home, log, builder.start());
  }

  private int httpPort;

  /** Records the {@code http.port} the instance was started with. */
  void httpPort(int port) {
    this.httpPort = port;
  }

  /** The base URL of its health and metrics endpoints. */
  java.net.URI httpBase() {
    return java.net.URI.create("http://127.0.0.1:" + httpPort);
  }

  int number() {
    return number;
  }

  Path log() {
    return log;
  }

  Path stateDir() {
    return home.resolve("state");
  }

  Path workDir() {
    return home.resolve("work");
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status, once it has exited. */
  Optional<Integer> exitStatus() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /** Waits up to {@code seconds} for the process to exit on its own; its exit status. */
  int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "instance " + number + " still runs after " + seconds + " s; log tail:\n" + logTail(30));
    }
    return process.exitValue();
  }

  /**
   * Kills the process abruptly ({@link Process#destroyForcibly()}: SIGKILL on Linux, so no shutdown
   * hook, no flush, no transaction commit or abort) and returns its exit status.
   */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("instance " + number + " survived SIGKILL for 30 s; see " + log);
    }
    return process.exitValue();
  }

  /**
   * The clip ids (the directory names under the work directory) with a render in progress: an MP4
   * that the encoder has started writing, named like the stored object ({@code <clip id>.mp4}).
   */
  List<String> clipsBeingWritten() {
    Path work = workDir();
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(work)) {
      return dirs.filter(d -> nonEmpty(d.resolve(d.getFileName() + ".mp4")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // the renderer deleted a directory while we listed: look again
    }
  }

  private static boolean nonEmpty(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The whole log so far. */
  String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** The last lines of the log, for failure messages. */
  String logTail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Stops the process if it still runs: SIGTERM, then SIGKILL after 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "instance " + number + " (pid " + process.pid() + ", log " + log + ")";
  }
}
