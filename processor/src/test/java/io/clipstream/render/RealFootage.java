package io.clipstream.render;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the CC-BY sample recordings and their detections in the repository's {@code
 * samples/footage}.
 */
final class RealFootage {

  private RealFootage() {}

  static Path file(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new AssertionError(
          "Cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
    }
    Path file = dir.resolve("samples/footage").resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "Real test footage "
              + file
              + " is missing: samples/footage holds the sample "
              + "videos (intel-iot-devkit, CC BY 4.0) and their detections; restore it from git");
    }
    return file;
  }
}
