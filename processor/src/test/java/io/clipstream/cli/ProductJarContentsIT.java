package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code clipstream.jar} holds the product and nothing of the benchmarks or the test
 * kit: those are their own modules ({@code bench/}, {@code testkit/}).
 */
class ProductJarContentsIT {

  private static final Path JAR = Path.of("target", "clipstream.jar");

  private static List<String> entries() throws IOException {
    assertThat(JAR)
        .as("the build packages target/clipstream.jar before integration tests")
        .exists();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      return jar.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void productJarShouldHoldTheCommandLineAndTheEngine() throws IOException {
    assertThat(entries())
        .contains(
            "io/clipstream/cli/Main.class",
            "io/clipstream/render/ClipRenderer.class",
            "io/clipstream/renderer/RendererTopology.class");
  }

  @Test
  void productJarShouldNotContainTheBenchmarksOrTheTestKit() throws IOException {
    assertThat(entries())
        .noneMatch(name -> name.startsWith("io/clipstream/bench/"))
        .noneMatch(name -> name.startsWith("io/clipstream/testkit/"));
  }
}
