package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code index}'s start-up checks; indexing itself is proven by FrigateIngestIT. */
class IndexCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** {@code index} with the two required keys and {@code args}. */
  private int index(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("index"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--set",
            "kafka.bootstrap.servers=localhost:9092",
            "--set",
            "schema.registry.url=mock://index-test"));
    return cli.execute(all.toArray(String[]::new));
  }

  @Test
  void shouldRefuseToRunWithoutAFolderSayingHowToGiveOne() {
    int code = index();

    assertThat(code).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString()).contains("No folder to index").contains("--root DIR");
  }

  @Test
  void shouldRefuseALayoutWithoutCameraNamingWhatIsMissing() {
    int code = index("--root", "/nvr", "--layout", "%Y%m%d/%H%M%S.mp4");

    assertThat(code).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString()).contains("ingest.folder.layout").contains("lacks {camera}");
  }

  @Test
  void shouldPrintTheFolderSettingsWithCheck() {
    int code = index("--root", "/nvr", "--layout", "frigate", "--check");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("ingest.folder.root").contains("/nvr");
  }

  @Test
  void shouldTakeAnS3PrefixAsTheRoot() {
    int code = index("--root", "s3://nvr-archive/frigate/recordings", "--check");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("s3://nvr-archive/frigate/recordings");
  }

  @Test
  void shouldRefuseAnS3RootWithoutABucketSayingHowToWriteIt() {
    int code = index("--root", "s3:///recordings");

    assertThat(code).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString()).contains("ingest.folder.root").contains("s3://bucket/prefix");
  }

  @Test
  void shouldHideTheMqttPasswordAndRefuseOneWithoutAUser() {
    int hidden =
        index(
            "--root",
            "/nvr",
            "--check",
            "--set",
            "ingest.mqtt.url=ssl://broker:8883",
            "--set",
            "ingest.mqtt.username=clipstream",
            "--set",
            "ingest.mqtt.password=hunter2-secret");
    assertThat(hidden).isZero();
    assertThat(out.toString()).contains("ingest.mqtt.password").doesNotContain("hunter2-secret");

    int refused =
        index(
            "--root",
            "/nvr",
            "--set",
            "ingest.mqtt.url=tcp://broker:1883",
            "--set",
            "ingest.mqtt.password=hunter2-secret");
    assertThat(refused).isEqualTo(RunCommand.BAD_CONFIG);
    assertThat(err.toString())
        .contains("ingest.mqtt.password is set without ingest.mqtt.username")
        .doesNotContain("hunter2-secret");
  }
}
