package io.clipstream.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a {@code java} binary of at least a given feature version for a child process.
 *
 * <p>Apicurio Registry 3 is compiled for Java 21 while Clipstream builds and tests on 17, so the
 * registry JVM usually differs from the test JVM. Order: {@value #PROPERTY} system property, then
 * {@value #ENV} environment variable (either may name a JDK home or a java binary), then the
 * running JVM if new enough, then the newest JDK under the scan roots.
 */
final class JavaLocator {

  static final String PROPERTY = "clipstream.registry.java";
  static final String ENV = "CLIPSTREAM_REGISTRY_JAVA";

  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"?([^\"\\s]+)\"?", Pattern.MULTILINE);

  private final UnaryOperator<String> properties;
  private final UnaryOperator<String> environment;
  private final Path runningJavaHome;
  private final List<Path> scanRoots;

  JavaLocator(
      UnaryOperator<String> properties,
      UnaryOperator<String> environment,
      Path runningJavaHome,
      List<Path> scanRoots) {
    this.properties = properties;
    this.environment = environment;
    this.runningJavaHome = runningJavaHome;
    this.scanRoots = List.copyOf(scanRoots);
  }

  /**
   * A locator reading the real system properties and environment, scanning the usual JDK install
   * folders.
   */
  static JavaLocator system() {
    Path home = Path.of(System.getProperty("user.home"));
    return new JavaLocator(
        System::getProperty,
        System::getenv,
        Path.of(System.getProperty("java.home")),
        List.of(
            Path.of("/usr/lib/jvm"),
            home.resolve(".sdkman/candidates/java"),
            home.resolve(".jdks")));
  }

  /** The java binary to run {@code what} with, which needs Java {@code minimumFeature} or newer. */
  Path locate(int minimumFeature, String what) {
    String configured =
        Optional.ofNullable(properties.apply(PROPERTY)).orElseGet(() -> environment.apply(ENV));
    if (configured != null && !configured.isBlank()) {
      return configured(Path.of(configured.trim()), minimumFeature, what);
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(runningJavaHome);
    for (Path root : scanRoots) {
      try (Stream<Path> children = Files.list(root)) {
        children.filter(Files::isDirectory).forEach(candidates::add);
      } catch (IOException absentRoot) {
        // not every machine has every root
      }
    }
    return candidates.stream()
        .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
        .filter(jdk -> featureVersion(jdk).orElse(0) >= minimumFeature)
        .max(Comparator.comparingInt(jdk -> featureVersion(jdk).orElse(0)))
        .map(jdk -> jdk.resolve("bin/java"))
        .orElseThrow(
            () ->
                new ComponentStartupException(
                    what
                        + " needs Java "
                        + minimumFeature
                        + " or newer, and none was found (looked at -D"
                        + PROPERTY
                        + ", $"
                        + ENV
                        + ", the running JVM "
                        + runningJavaHome
                        + ", and "
                        + scanRoots
                        + "). Install a JDK "
                        + minimumFeature
                        + "+ (e.g. apt-get install openjdk-"
                        + minimumFeature
                        + "-jdk-headless, or "
                        + "Temurin "
                        + minimumFeature
                        + ") or point -D"
                        + PROPERTY
                        + "=<JDK home or java binary> "
                        + "(or the environment variable "
                        + ENV
                        + ") at one."));
  }

  private Path configured(Path path, int minimumFeature, String what) {
    Path binary = Files.isDirectory(path) ? path.resolve("bin/java") : path;
    if (!Files.isExecutable(binary)) {
      throw new ComponentStartupException(
          PROPERTY
              + " / "
              + ENV
              + " is set to "
              + path
              + ", but "
              + binary
              + " is not an executable java binary. Point it at a JDK "
              + minimumFeature
              + "+ home or its bin/java.");
    }
    Path home = binary.toAbsolutePath().getParent().getParent();
    OptionalInt feature = home == null ? OptionalInt.empty() : featureVersion(home);
    if (feature.isPresent() && feature.getAsInt() < minimumFeature) {
      throw new ComponentStartupException(
          PROPERTY
              + " / "
              + ENV
              + " points at Java "
              + feature.getAsInt()
              + " ("
              + path
              + "), but "
              + what
              + " needs Java "
              + minimumFeature
              + " or newer. Point it at a newer JDK.");
    }
    return binary;
  }

  /** The feature version (17, 21, 25...) declared by {@code jdkHome/release}, if readable. */
  static OptionalInt featureVersion(Path jdkHome) {
    try {
      Matcher matcher = JAVA_VERSION.matcher(Files.readString(jdkHome.resolve("release")));
      return matcher.find() ? parseFeature(matcher.group(1)) : OptionalInt.empty();
    } catch (IOException | RuntimeException unreadable) {
      return OptionalInt.empty();
    }
  }

  /** Parses "25.0.3", "21", "21-ea" or the legacy "1.8.0_392" into 25, 21, 21 and 8. */
  static OptionalInt parseFeature(String javaVersion) {
    Matcher matcher = Pattern.compile("^(?:1\\.)?(\\d+)").matcher(javaVersion.trim());
    return matcher.find()
        ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
        : OptionalInt.empty();
  }
}
