package io.clipstream.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Lifecycle of an HTTP server run as a child process on fixed loopback ports: start, wait until
 * ready, stop, and restart on the same ports (fault-injection tests take a server away and bring it
 * back at the same address).
 *
 * <p>Ports are picked when the server first starts. Between picking a free port and the child
 * binding it another process may take it, so a first start that dies with "Address already in use"
 * is retried on fresh ports.
 */
final class ChildServer {

  static final String TIMEOUT_PROPERTY = "clipstream.it.startTimeoutSeconds";
  private static final int FIRST_START_ATTEMPTS = 3;

  private final String name;
  private final Path logFile;
  private final Path workDir;
  private final Path pidFile;
  private final Duration readyTimeout;
  private final int[] ports;
  private boolean everStarted;
  private ChildProcess child;

  ChildServer(
      String name, String logFileName, Path workDir, Duration defaultReadyTimeout, int portCount) {
    this.name = name;
    this.logFile = ItDirs.logs().resolve(logFileName);
    this.workDir = workDir;
    this.pidFile = workDir.resolve(logFileName.replace(".log", ".pid"));
    this.readyTimeout =
        Duration.ofSeconds(Long.getLong(TIMEOUT_PROPERTY, defaultReadyTimeout.toSeconds()));
    this.ports = new int[portCount];
  }

  /** Waits until a just-started child serves on its ports. */
  @FunctionalInterface
  interface ReadinessProbe {
    /**
     * Returns once the child on {@code ports} is ready, has exited, or {@code timeout} has passed.
     */
    HttpProbe.Outcome await(int[] ports, Duration timeout, ChildProcess child);
  }

  /**
   * Starts the child unless it is running. {@code command} builds the command line from the ports,
   * {@code readiness} the URL to poll; the server is ready once {@code ready} accepts that URL's
   * status code.
   */
  synchronized void start(
      Function<int[], List<String>> command, Function<int[], URI> readiness, IntPredicate ready) {
    start(
        command,
        (ports, timeout, process) ->
            HttpProbe.await(readiness.apply(ports), ready, timeout, process));
  }

  /**
   * Starts the child unless it is running, as {@link #start(Function, Function, IntPredicate)}
   * does, for a server that is not probed over HTTP (a Kafka broker): {@code probe} decides when it
   * is ready.
   */
  synchronized void start(Function<int[], List<String>> command, ReadinessProbe probe) {
    if (isRunning()) {
      return;
    }
    if (child != null) { // it died on its own since the last start; forget it before relaunching
      LifecycleLog.append(logFile, name + " (pid " + child.pid() + ") had exited on its own");
      child.stop(Duration.ofSeconds(1));
      child = null;
    }
    int attempts = everStarted ? 1 : FIRST_START_ATTEMPTS;
    for (int attempt = 1; ; attempt++) {
      if (everStarted) {
        Arrays.stream(ports).forEach(port -> Ports.awaitFree(port, Duration.ofSeconds(15), name));
      } else {
        Arrays.setAll(ports, i -> Ports.freePort());
      }
      long started = System.nanoTime();
      LifecycleLog.append(
          logFile, "starting " + name + " on " + describePorts() + " (attempt " + attempt + ")");
      child = ChildProcess.start(name, command.apply(ports.clone()), workDir, logFile);
      Leftovers.record(pidFile, child.pid());
      HttpProbe.Outcome outcome = probe.await(ports.clone(), readyTimeout, child);
      if (outcome == HttpProbe.Outcome.READY) {
        everStarted = true;
        LifecycleLog.append(
            logFile,
            "started "
                + name
                + " (pid "
                + child.pid()
                + ") on "
                + describePorts()
                + " in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
        return;
      }
      String output = child.outputSinceStart();
      String tail = child.tail(15);
      int exitCode = child.stop(Duration.ofSeconds(5));
      child = null;
      Leftovers.forget(pidFile);
      if (outcome == HttpProbe.Outcome.TIMED_OUT) {
        LifecycleLog.append(
            logFile,
            "gave up on " + name + ": not ready within " + readyTimeout.toSeconds() + " s");
        throw new ComponentStartupException(
            name
                + " did not become ready on "
                + describePorts()
                + " within "
                + readyTimeout.toSeconds()
                + " s; see "
                + logFile
                + " (raise -D"
                + TIMEOUT_PROPERTY
                + " on a slow machine)");
      }
      LifecycleLog.append(logFile, name + " exited with code " + exitCode + " during startup");
      if (!output.contains("Address already in use") || attempt >= attempts) {
        throw new ComponentStartupException(
            name
                + " exited with code "
                + exitCode
                + " while starting on "
                + describePorts()
                + "; see "
                + logFile
                + ". Last lines:"
                + System.lineSeparator()
                + tail);
      }
    }
  }

  /** Kills children that earlier, SIGKILLed test JVMs left running, and deletes their data. */
  void reapLeftovers() {
    Leftovers.sweep(workDir, logFile);
  }

  /**
   * Stops the child (SIGTERM, then SIGKILL after 15 s) if it runs; the ports stay reserved for
   * {@link #start}.
   */
  synchronized void stop() {
    if (child == null) {
      return;
    }
    long started = System.nanoTime();
    long pid = child.pid();
    int exitCode = child.stop(Duration.ofSeconds(15));
    child = null;
    Leftovers.forget(pidFile);
    LifecycleLog.append(
        logFile,
        "stopped "
            + name
            + " (pid "
            + pid
            + ", exit code "
            + exitCode
            + ") on "
            + describePorts()
            + " in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  /**
   * Kills the child (SIGKILL, no shutdown hooks: a crash) if it runs; the ports stay reserved for
   * {@link #start}.
   */
  synchronized void kill() {
    if (child == null) {
      return;
    }
    long started = System.nanoTime();
    long pid = child.pid();
    int exitCode = child.kill();
    child = null;
    Leftovers.forget(pidFile);
    LifecycleLog.append(
        logFile,
        "killed "
            + name
            + " (pid "
            + pid
            + ", SIGKILL, exit code "
            + exitCode
            + ") on "
            + describePorts()
            + " in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  synchronized boolean isRunning() {
    return child != null && child.isAlive();
  }

  synchronized boolean everStarted() {
    return everStarted;
  }

  /** The {@code index}-th port; only meaningful once the server has started. */
  synchronized int port(int index) {
    if (!everStarted) {
      throw new IllegalStateException(name + " has not been started yet: call start() first");
    }
    return ports[index];
  }

  Path logFile() {
    return logFile;
  }

  private String describePorts() {
    return Arrays.stream(ports)
        .mapToObj(port -> Ports.HOST + ":" + port)
        .collect(Collectors.joining(", "));
  }
}
