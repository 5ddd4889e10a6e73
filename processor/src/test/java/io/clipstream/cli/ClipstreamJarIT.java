package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.testkit.RealComponents;
import io.clipstream.testkit.RealSchemaRegistry;
import io.clipstream.testkit.WithRealComponents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The packaged {@code clipstream.jar}, run as users run it: {@code java -jar}. */
@WithRealComponents
class ClipstreamJarIT {

  private static final Path JAR = Path.of("target", "clipstream.jar");

  private record Run(int exitCode, String output) {}

  private static Run run(String... args) throws IOException, InterruptedException {
    assertThat(JAR)
        .as("the build packages target/clipstream.jar before integration tests")
        .exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "clipstream.jar " + String.join(" ", args) + " did not finish within 120 s");
    }
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldListItsCommandsWithHelp() throws Exception {
    Run help = run("--help");

    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.output()).contains("Usage: clipstream").contains("schemas");
  }

  @Test
  @ResourceLock(value = RealComponents.SCHEMA_REGISTRY_LOCK, mode = ResourceAccessMode.READ)
  void shouldRegisterTheContractsInARealRegistryUnderTheIdsTheRegistryReports(
      RealSchemaRegistry registry) throws Exception {
    String topic = "jar-it-" + UUID.randomUUID();

    Run register =
        run(
            "schemas",
            "register",
            "--registry-url",
            registry.confluentUrl(),
            "--topic",
            "EVENTS=" + topic);

    assertThat(register.exitCode()).as(register.output()).isZero();
    Matcher line =
        Pattern.compile(Pattern.quote(topic + "-value") + "\\s+id (\\d+)\\s+version (\\d+)")
            .matcher(register.output());
    assertThat(line.find()).as(register.output()).isTrue();
    JsonNode latest =
        new ObjectMapper()
            .readTree(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                URI.create(
                                    registry.confluentUrl()
                                        + "/subjects/"
                                        + topic
                                        + "-value/versions/latest"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
    assertThat(latest.get("id").asInt()).isEqualTo(Integer.parseInt(line.group(1)));
    assertThat(latest.get("version").asInt()).isEqualTo(Integer.parseInt(line.group(2)));

    Run check =
        run(
            "schemas",
            "check",
            "--registry-url",
            registry.confluentUrl(),
            "--topic",
            "EVENTS=" + topic);
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains(topic + "-value").doesNotContain("INCOMPATIBLE");
  }
}
