package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/clipstream}, the launcher with the start-up settings of docs/performance.md, run as a
 * user runs it, on the packaged jar.
 */
class LauncherIT {

  private static final Path LAUNCHER = Path.of("..", "bin", "clipstream");

  @TempDir Path dir;

  private record Run(int exitCode, String stdout, String stderr) {}

  private Run run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    assertThat(Path.of("target", "clipstream.jar"))
        .as("the build packages target/clipstream.jar before integration tests")
        .exists();
    ProcessBuilder builder =
        new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList())
            .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    builder.environment().remove("JAVA_OPTS");
    builder.environment().putAll(env);
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bin/clipstream did not finish within 120 s");
    }
    return new Run(process.exitValue(), stdout, Files.readString(dir.resolve("stderr.txt")));
  }

  private List<Path> cached() throws IOException {
    Path cds = dir.resolve("cache").resolve("clipstream").resolve("cds");
    try (Stream<Path> files = Files.list(cds)) {
      return files.toList();
    }
  }

  @Test
  void shouldArchiveTheClassesOfACommandOnItsFirstRunAndMapThemOnTheNext() throws Exception {
    Run first = run(Map.of(), "--version");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).startsWith("Clipstream ").doesNotContain("warning", "cds");
    List<Path> archives = cached();
    assertThat(archives).hasSize(1); // complete, renamed: no partial file left behind
    assertThat(archives.get(0).getFileName().toString()).startsWith("none-").endsWith("jsa");

    Path classes = dir.resolve("classes.txt");
    Run second = run(Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), "--version");
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stdout()).isEqualTo(first.stdout());
    // "(top)": loaded from the dynamic archive the first run wrote, not from the JDK's own.
    assertThat(Files.readString(classes))
        .contains("io.clipstream.cli.Main source: shared objects file (top)");
    assertThat(cached()).isEqualTo(archives);
  }

  @Test
  void shouldKeepOneArchivePerCommand() throws Exception {
    Run help = run(Map.of(), "render", "--help");
    assertThat(help.exitCode()).as(help.stderr()).isZero();
    assertThat(help.stdout()).contains("Usage: clipstream render");
    Run version = run(Map.of(), "--version");
    assertThat(version.exitCode()).as(version.stderr()).isZero();
    assertThat(cached().stream().map(p -> p.getFileName().toString().split("-")[0]))
        .containsExactlyInAnyOrder("render", "none");
  }

  @Test
  void shouldPassSigtermOnToTheServiceWhileItsFirstRunWritesTheArchive() throws Exception {
    // The first run cannot exec (the archive is renamed after the JVM exits): a supervisor's
    // SIGTERM to the script must still stop the service, which then writes the archive as usual.
    ProcessBuilder builder =
        new ProcessBuilder(
                LAUNCHER.toString(),
                "run",
                "--set=kafka.bootstrap.servers=127.0.0.1:1",
                "--set=schema.registry.url=http://127.0.0.1:1",
                "--set=sources.allowed.roots=" + dir)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("service.txt").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    builder.environment().remove("JAVA_OPTS");
    Process script = builder.start();
    ProcessHandle service = awaitChild(script);
    script.destroy(); // SIGTERM, to the script only, as `kill PID` or a pod's stop
    assertThat(script.waitFor(60, TimeUnit.SECONDS))
        .as(
            "the script ends after SIGTERM; its output: %s",
            Files.readString(dir.resolve("service.txt")))
        .isTrue();
    assertThat(service.isAlive()).as("the service JVM the script started").isFalse();
    assertThat(cached()).hasSize(1);
    assertThat(cached().get(0).getFileName().toString()).startsWith("run-").endsWith("jsa");
  }

  private static ProcessHandle awaitChild(Process script) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      var java = script.toHandle().children().findFirst();
      if (java.isPresent()) {
        Thread.sleep(3000); // let the JVM install its shutdown hooks
        return java.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("bin/clipstream started no JVM within 60 s");
  }
}
