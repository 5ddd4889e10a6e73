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

class PublishCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path file(String... lines) throws IOException {
    return Files.write(dir.resolve("in.jsonl"), List.of(lines));
  }

  @Test
  void shouldValidateOnlyWithDryRunAndNeedNoBroker() throws IOException {
    Path file = file(PublishKind.SEGMENTS.example(), PublishKind.SEGMENTS.example());

    int code =
        run(
            "publish",
            "--kind",
            "segments",
            "--file",
            file.toString(),
            "--registry-url",
            "mock://publish-dry-run",
            "--dry-run");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("2 valid segments records for cv.segments", "nothing sent");
  }

  @Test
  void shouldExitTwoAndSendNothingWhenALineIsBad() throws IOException {
    Path file = file(PublishKind.EVENTS.example(), "{\"event_id\":\"e\"}");

    int code =
        run(
            "publish",
            "--kind",
            "EVENTS",
            "--file",
            file.toString(),
            "--topic",
            "my.events",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--registry-url",
            "mock://publish-bad");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(file + ":2: camera_id: is missing; expected a string")
        .contains("Nothing was sent. Expected one Event per line, for example:")
        .contains(PublishKind.EVENTS.example());
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldExitTwoForAMissingFileOrMissingBootstrapServers() throws IOException {
    assertThat(
            run(
                "publish",
                "--kind",
                "events",
                "--file",
                dir.resolve("none.jsonl").toString(),
                "--registry-url",
                "mock://x",
                "--dry-run"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("none.jsonl: no such file");

    Path file = file(PublishKind.EVENTS.example());
    assertThat(
            run(
                "publish",
                "--kind",
                "events",
                "--file",
                file.toString(),
                "--registry-url",
                "mock://x"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap-servers");
  }

  @Test
  void shouldBeListedInTheHelp() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("publish");
  }
}
