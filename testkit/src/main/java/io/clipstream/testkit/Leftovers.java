package io.clipstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after earlier test JVMs of the same module that died without running their shutdown
 * hooks.
 *
 * <p>Each test JVM keeps its component data in {@code target/it-data/<component>/jvm-<pid>/} (so
 * that two forks of one module never share a database or bucket directory) and records its child
 * server's pid there. Hooks cover normal exits, failures and Ctrl-C, but not {@code kill -9} or a
 * fork killed after Surefire's exit timeout: their orphaned servers would keep memory and a lock on
 * their files. A child is only killed if its owning JVM is gone and its command line still names
 * that directory, so a recycled pid belonging to something else is never touched.
 */
final class Leftovers {

  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private Leftovers() {}

  /**
   * Kills the orphans of, and deletes, every {@code jvm-<pid>} sibling of {@code ownDir} whose JVM
   * is gone.
   */
  static void sweep(Path ownDir, Path logFile) {
    List<Path> siblings;
    try (Stream<Path> children = Files.list(ownDir.getParent())) {
      siblings = children.filter(dir -> !dir.equals(ownDir) && ownerPid(dir).isPresent()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + ownDir.getParent(), e);
    }
    for (Path dir : siblings) {
      if (ownerPid(dir).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)) {
        continue; // a concurrent fork of this module: its components are none of our business
      }
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(file -> file.toString().endsWith(".pid"))
            .forEach(pidFile -> kill(pidFile, dir, logFile));
      } catch (IOException e) {
        LOG.warn("Cannot inspect leftover {}: {}", dir, e.toString());
      }
      try {
        ItDirs.deleteRecursively(dir);
      } catch (UncheckedIOException e) {
        LOG.warn("Cannot delete leftover {}: {}", dir, e.getCause().toString());
      }
    }
  }

  static void record(Path pidFile, long pid) {
    try {
      Files.writeString(pidFile, Long.toString(pid));
    } catch (IOException e) {
      LOG.warn(
          "Cannot write {}; an orphan of this run could not be reaped later: {}",
          pidFile,
          e.toString());
    }
  }

  static void forget(Path pidFile) {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // a stale pid file is harmless: sweep() checks the command line before killing
    }
  }

  private static void kill(Path pidFile, Path dir, Path logFile) {
    Optional<ProcessHandle> orphan =
        readPid(pidFile)
            .flatMap(ProcessHandle::of)
            .filter(process -> process.info().commandLine().orElse("").contains(dir.toString()));
    orphan.ifPresent(
        process -> {
          LifecycleLog.append(
              logFile,
              "killing orphaned pid "
                  + process.pid()
                  + " left by a test JVM that did not "
                  + "shut down cleanly ("
                  + dir.getFileName()
                  + ")");
          process.destroyForcibly();
          process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
        });
  }

  private static Optional<Long> ownerPid(Path dir) {
    String name = dir.getFileName().toString();
    return name.matches(ItDirs.JVM_DIR_PREFIX + "\\d+")
        ? Optional.of(Long.parseLong(name.substring(ItDirs.JVM_DIR_PREFIX.length())))
        : Optional.empty();
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (IOException | NumberFormatException absentOrGarbage) {
      return Optional.empty();
    }
  }
}
