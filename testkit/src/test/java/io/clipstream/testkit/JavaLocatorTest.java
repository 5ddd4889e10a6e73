package io.clipstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaLocatorTest {

  @TempDir Path jvms;

  @Test
  void shouldParseModernLegacyAndEarlyAccessVersionStrings() {
    assertThat(JavaLocator.parseFeature("25.0.3")).hasValue(25);
    assertThat(JavaLocator.parseFeature("21")).hasValue(21);
    assertThat(JavaLocator.parseFeature("22-ea")).hasValue(22);
    assertThat(JavaLocator.parseFeature("11.0.2")).hasValue(11);
    assertThat(JavaLocator.parseFeature("1.8.0_392")).hasValue(8);
    assertThat(JavaLocator.parseFeature("garbage")).isEmpty();
  }

  @Test
  void shouldReadTheFeatureVersionFromAJdkReleaseFile() throws IOException {
    Path jdk =
        jdk(
            "temurin-25",
            "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n"
                + "JAVA_VERSION=\"25.0.3\"\nJAVA_VERSION_DATE=\"2026-04-21\"\n");

    assertThat(JavaLocator.featureVersion(jdk)).hasValue(25);
    assertThat(JavaLocator.featureVersion(jvms.resolve("absent"))).isEmpty();
  }

  @Test
  void shouldPickTheNewestJdkThatIsNewEnough() throws IOException {
    Path running = jdk("openjdk-17", release("17.0.15"));
    jdk("temurin-21", release("21.0.5"));
    Path newest = jdk("temurin-25", release("25.0.3"));
    jdk("zulu-8", release("1.8.0_392"));
    Files.createDirectories(jvms.resolve("no-release-file/bin"));

    Path java = locator(Map.of(), Map.of(), running).locate(21, "Apicurio Registry");

    assertThat(java).isEqualTo(newest.resolve("bin/java"));
  }

  @Test
  void shouldPreferTheRunningJvmWhenItIsTheNewest() throws IOException {
    Path running = jdk("jdk-26", release("26"));
    jdk("temurin-21", release("21.0.5"));

    assertThat(locator(Map.of(), Map.of(), running).locate(21, "x"))
        .isEqualTo(running.resolve("bin/java"));
  }

  @Test
  void shouldHonourTheSystemPropertyBeforeTheEnvironmentAndTheScan() throws IOException {
    Path running = jdk("openjdk-17", release("17.0.15"));
    Path chosen = jdk("temurin-21", release("21.0.5"));
    Path fromEnv = jdk("temurin-25", release("25.0.3"));

    JavaLocator locator =
        locator(
            Map.of(JavaLocator.PROPERTY, chosen.toString()),
            Map.of(JavaLocator.ENV, fromEnv.toString()),
            running);

    assertThat(locator.locate(21, "x")).isEqualTo(chosen.resolve("bin/java"));
    assertThat(
            locator(
                    Map.of(),
                    Map.of(JavaLocator.ENV, fromEnv.resolve("bin/java").toString()),
                    running)
                .locate(21, "x"))
        .isEqualTo(fromEnv.resolve("bin/java"));
  }

  @Test
  void shouldRefuseAConfiguredJdkThatIsTooOld() throws IOException {
    Path old = jdk("openjdk-17", release("17.0.15"));

    assertThatThrownBy(
            () ->
                locator(Map.of(JavaLocator.PROPERTY, old.toString()), Map.of(), old)
                    .locate(21, "x"))
        .isInstanceOf(ComponentStartupException.class)
        .hasMessageContaining("points at Java 17")
        .hasMessageContaining("needs Java 21");
  }

  @Test
  void shouldExplainHowToProvideAJdkWhenNoneIsNewEnough() throws IOException {
    Path running = jdk("openjdk-17", release("17.0.15"));

    assertThatThrownBy(() -> locator(Map.of(), Map.of(), running).locate(21, "Apicurio Registry"))
        .isInstanceOf(ComponentStartupException.class)
        .hasMessageContaining("Apicurio Registry needs Java 21 or newer")
        .hasMessageContaining("Install a JDK 21+")
        .hasMessageContaining("-Dclipstream.registry.java=")
        .hasMessageContaining("CLIPSTREAM_REGISTRY_JAVA");
  }

  private JavaLocator locator(
      Map<String, String> properties, Map<String, String> environment, Path running) {
    return new JavaLocator(
        properties::get, environment::get, running, List.of(jvms, jvms.resolve("missing-root")));
  }

  private Path jdk(String name, String release) throws IOException {
    Path home = Files.createDirectories(jvms.resolve(name));
    Files.writeString(home.resolve("release"), release);
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private static String release(String version) {
    return "JAVA_VERSION=\"" + version + "\"\n";
  }
}
