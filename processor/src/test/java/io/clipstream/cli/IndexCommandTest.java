package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code index}'s start-up checks; indexing itself is proven by FrigateIngestIT. */
class IndexCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldRefuseToRunWithoutAFolderSayingHowToGiveOne() {
    int code =
        run(
            "index",
            "--set",
            "kafka.bootstrap.servers=localhost:9092",
            "--set",
            "schema.registry.url=mock://index-test");

    assertThat(code).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString()).contains("No folder to index").contains("--root DIR");
  }

  @Test
  void shouldRefuseALayoutWithoutCameraNamingWhatIsMissing() {
    int code =
        run(
            "index",
            "--root",
            "/nvr",
            "--layout",
            "%Y%m%d/%H%M%S.mp4",
            "--set",
            "kafka.bootstrap.servers=localhost:9092",
            "--set",
            "schema.registry.url=mock://index-test");

    assertThat(code).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString()).contains("ingest.folder.layout").contains("lacks {camera}");
  }

  @Test
  void shouldPrintTheFolderSettingsWithCheck() {
    int code =
        run(
            "index",
            "--root",
            "/nvr",
            "--layout",
            "frigate",
            "--check",
            "--set",
            "kafka.bootstrap.servers=localhost:9092",
            "--set",
            "schema.registry.url=mock://index-test");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("ingest.folder.root").contains("/nvr");
  }
}
