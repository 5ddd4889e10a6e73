package io.clipstream.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry server from Maven Central ({@code
 * io.apicurio:apicurio-registry-app:<v>:tar.gz:all}), extracted once into {@code
 * <it-tools>/apicurio-registry-<v>/}.
 *
 * <p>The 3.3.3 tarball holds the Quarkus fast-jar layout at its root ({@code quarkus-run.jar},
 * {@code lib/}, {@code app/}, {@code quarkus/}); older ones wrapped it in {@code quarkus-app/}, so
 * both are accepted. Extraction goes to a temporary sibling that is renamed into place, so a
 * concurrent test JVM never sees half a distribution.
 */
final class ApicurioDistribution {

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioDistribution.class);

  private ApicurioDistribution() {}

  /** The {@code quarkus-run.jar} to start, extracting the distribution first if needed. */
  static synchronized Path quarkusRunJar() {
    String version = ItDirs.version("apicurio.version");
    Path target = ItDirs.tools().resolve("apicurio-registry-" + version);
    if (runJar(target) == null) {
      Path tarball =
          ItDirs.artifact("io.apicurio", "apicurio-registry-app", version, "all", "tar.gz");
      extract(tarball, target);
    }
    Path jar = runJar(target);
    if (jar == null) {
      throw new ComponentStartupException(
          "No quarkus-run.jar in "
              + target
              + " (extracted from the Apicurio "
              + "tarball). Delete that folder and run again; if it persists, the tarball layout has changed.");
    }
    return jar;
  }

  private static Path runJar(Path dir) {
    for (Path candidate :
        List.of(dir.resolve("quarkus-run.jar"), dir.resolve("quarkus-app/quarkus-run.jar"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void extract(Path tarball, Path target) {
    Path temporary =
        target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    long started = System.nanoTime();
    try {
      ItDirs.deleteRecursively(temporary);
      Files.createDirectories(temporary);
      Path tarLog = temporary.resolveSibling(temporary.getFileName() + ".log");
      Process tar =
          new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", temporary.toString())
              .redirectErrorStream(true)
              .redirectOutput(tarLog.toFile())
              .start();
      if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
        tar.destroyForcibly();
        throw new ComponentStartupException(
            "Extracting "
                + tarball
                + " with tar failed; see "
                + tarLog
                + ". Delete "
                + target.getParent()
                + " and retry; check disk space and that `tar` is on PATH.");
      }
      Files.deleteIfExists(tarLog);
      moveIntoPlace(temporary, target);
      LOG.info(
          "Extracted {} into {} in {} ms",
          tarball.getFileName(),
          target,
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      throw new ComponentStartupException(
          "Cannot extract " + tarball + " into " + target + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComponentStartupException("Interrupted while extracting " + tarball, e);
    }
  }

  private static void moveIntoPlace(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (runJar(target) == null) {
        throw e;
      }
      // Another JVM renamed its copy into place first (rename fails on a non-empty target): ours is
      // redundant.
      LOG.info("Another JVM extracted {} first; using its copy", target);
      ItDirs.deleteRecursively(temporary);
    }
  }
}
