package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run}'s start-up checks; the running service is proven by the integration tests. */
class RunCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldRefuseAnInvalidConfigurationListingEveryProblemAndExitTwo() throws IOException {
    Path file =
        Files.write(
            dir.resolve("bad.properties"),
            List.of(
                "kafka.bootstrap.servers=localhost:9092",
                "schema.registry.url=mock://run-test",
                "sources.allowed.roots=/nvr",
                "render.workers=many",
                "render.crf=99"));

    int code = run("run", "--config", file.toString());

    assertThat(code).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString())
        .contains("Invalid configuration (2 problems)")
        .contains("render.workers")
        .contains("render.crf")
        .contains("docs/configuration.md");
  }

  @Test
  void shouldLetFlagsOverrideTheFileAndPrintTheConfigurationWithCheck() throws IOException {
    Path file =
        Files.write(
            dir.resolve("ok.properties"),
            List.of(
                "kafka.bootstrap.servers=localhost:9092",
                "schema.registry.url=mock://run-test",
                "sources.allowed.roots=/nvr",
                "render.workers=1"));

    int code = run("run", "--config", file.toString(), "--set", "render.workers=3", "--check");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern("render\\.workers\\s*=?\\s*3");
  }

  @Test
  void shouldNeverPrintSecretsWhenShowingTheConfiguration() throws IOException {
    Path file =
        Files.write(
            dir.resolve("secret.properties"),
            List.of(
                "kafka.bootstrap.servers=localhost:9092",
                "schema.registry.url=mock://run-test",
                "sources.allowed.roots=/nvr",
                "basic.auth.user.info=clipstream:registry-pw-5d1e",
                "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.mechanism=PLAIN",
                "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                    + " required username=\"svc\" password=\"kafka-pw-9a7c\";",
                "kafka.ssl.truststore.password=truststore-pw-77f0"));

    int code = run("run", "--config", file.toString(), "--check");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString() + err.toString())
        .contains("kafka.sasl.jaas.config", "basic.auth.user.info")
        .doesNotContain("registry-pw-5d1e", "kafka-pw-9a7c", "truststore-pw-77f0");
  }

  @Test
  void shouldSuggestTheKeyMeantForAMisspeltOne() throws IOException {
    Path file =
        Files.write(
            dir.resolve("typo.properties"),
            List.of(
                "kafka.bootstrap.servers=localhost:9092",
                "schema.registry.url=mock://run-test",
                "planner.prerol.ms=1000"));

    assertThat(run("run", "--config", file.toString())).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString()).contains("did you mean planner.preroll.ms?");
  }

  @Test
  void shouldRunTheRecorderRoleAloneAndHideCameraCredentials() throws IOException {
    Path file =
        Files.write(
            dir.resolve("record.properties"),
            List.of(
                "kafka.bootstrap.servers=localhost:9092",
                "schema.registry.url=mock://run-test",
                "roles=planner,renderer",
                "record.cameras=door=rtsp://viewer:cam-pw-31c9@10.0.0.21/stream1"));

    int code = run("record", "--config", file.toString(), "--check");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("roles: recorder")
        .contains("door=rtsp://[hidden]@10.0.0.21/stream1")
        .doesNotContain("cam-pw-31c9");
  }

  @Test
  void shouldSayWhenTheConfigurationFileIsMissing() {
    int code = run("run", "--config", dir.resolve("nope.properties").toString());

    assertThat(code).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString()).contains("nope.properties: no such file");
  }
}
