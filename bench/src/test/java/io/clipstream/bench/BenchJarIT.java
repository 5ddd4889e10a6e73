package io.clipstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code clipstream-bench.jar}, run as the README says: {@code java -jar}, its
 * manifest putting the product jar on the class path.
 */
class BenchJarIT {

  private static final Path JAR = Path.of("target", "clipstream-bench.jar");

  private static String run(String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("the build packages target/clipstream-bench.jar first").exists();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS))
        .as("clipstream-bench.jar %s finishes within 60 s", String.join(" ", args))
        .isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void benchJarShouldRunBothBenchmarksFromTheProductJarOnItsClassPath() throws Exception {
    assertThat(run("--help"))
        .contains("Usage: clipstream-bench")
        .contains("benchmark")
        .contains("render-benchmark");
    assertThat(run("benchmark", "--help")).contains("--only").contains("--quick");
    // The version comes from a class of the product jar, reading that jar's manifest: it is found
    // only through the bench jar's Class-Path.
    assertThat(run("--version")).containsPattern("Clipstream [0-9]+\\.[0-9]+");
  }
}
