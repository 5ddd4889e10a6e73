package io.clipstream.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where the integration-test tools, logs and data live.
 *
 * <p>Failsafe passes {@code clipstream.it.tools} and {@code clipstream.it.logs} (see the parent
 * pom). When a test is started from an IDE they are absent, so we fall back to {@code target/} of
 * the working directory (the module directory in IntelliJ and Eclipse) and to the local Maven
 * repository for the artifacts.
 */
final class ItDirs {

  static final String TOOLS_PROPERTY = "clipstream.it.tools";
  static final String LOGS_PROPERTY = "clipstream.it.logs";
  static final String JVM_DIR_PREFIX = "jvm-";

  private static final Properties VERSIONS = loadVersions();

  private ItDirs() {}

  /** Directory holding the copied artifacts and their extracted forms. */
  static Path tools() {
    return directory(TOOLS_PROPERTY, Path.of("target", "it-tools"));
  }

  /** Directory for the component logs (one file per component). */
  static Path logs() {
    return directory(LOGS_PROPERTY, Path.of("target", "it-logs"));
  }

  /**
   * This test JVM's directory for a component's data (broker logs, S3 objects, registry database):
   * {@code it-data/<component>/jvm-<pid>/} next to {@link #logs()}, so concurrent forks of a module
   * never share one.
   */
  static Path data(String component) {
    return createDirectories(
        logs()
            .getParent()
            .resolve("it-data")
            .resolve(component)
            .resolve(JVM_DIR_PREFIX + ProcessHandle.current().pid()));
  }

  /** A tool version, as filtered into {@code testkit.properties} from the parent pom. */
  static String version(String key) {
    String value = VERSIONS.getProperty(key);
    if (value == null || value.startsWith("${")) {
      throw new IllegalStateException(
          "testkit.properties has no resolved '"
              + key
              + "': the clipstream-testkit jar was built without resource filtering; rebuild it with Maven");
    }
    return value;
  }

  /**
   * Finds a Maven artifact: first in {@link #tools()} (where the {@code it-tools} execution copies
   * it), then in the local repository (honouring {@code maven.repo.local}).
   */
  static Path artifact(
      String groupId, String artifactId, String version, String classifier, String extension) {
    String fileName =
        artifactId
            + "-"
            + version
            + (classifier.isEmpty() ? "" : "-" + classifier)
            + "."
            + extension;
    Path copied = tools().resolve(fileName);
    if (Files.isRegularFile(copied)) {
      return copied;
    }
    Path repository =
        Path.of(
            System.getProperty(
                "maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    Path cached =
        repository
            .resolve(groupId.replace('.', '/'))
            .resolve(artifactId)
            .resolve(version)
            .resolve(fileName);
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    String coordinates =
        groupId
            + ":"
            + artifactId
            + ":"
            + version
            + ":"
            + extension
            + (classifier.isEmpty() ? "" : ":" + classifier);
    throw new ComponentStartupException(
        fileName
            + " was found neither in "
            + copied.getParent()
            + " nor in "
            + cached.getParent()
            + ". Run the integration tests through Maven (./mvnw -pl <module> verify: its "
            + "it-tools step copies it), or fetch it once with: ./mvnw dependency:get -Dartifact="
            + coordinates);
  }

  private static Path directory(String property, Path fallback) {
    String configured = System.getProperty(property);
    Path dir = configured == null || configured.isBlank() ? fallback : Path.of(configured);
    return createDirectories(dir.toAbsolutePath().normalize());
  }

  static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  /** Deletes {@code dir} and everything below it; a missing directory is fine. */
  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }

  private static Properties loadVersions() {
    Properties properties = new Properties();
    try (InputStream in = ItDirs.class.getResourceAsStream("testkit.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read testkit.properties", e);
    }
    return properties;
  }
}
