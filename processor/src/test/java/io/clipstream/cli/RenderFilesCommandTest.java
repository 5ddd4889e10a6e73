package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.media.SyntheticVideo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderFilesCommandTest {

  @TempDir Path dir;
  private Path video;
  private Path detections;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void footage() throws Exception {
    SyntheticVideo synthetic = SyntheticVideo.builder().fps(25, 1).frames(100);
    video = synthetic.writeTo(dir.resolve("incident.mp4"));
    List<String> lines = new ArrayList<>();
    for (int n = 0; n < 100; n += 2) {
      int x = SyntheticVideo.squareX(n, 320);
      int y = SyntheticVideo.squareY(n, 240);
      lines.add(
          String.format(
              "{\"frame_idx\": %d, \"bbox\": [%d, %d, %d, %d], \"label\": \"person\", "
                  + "\"score\": 0.9, \"track_id\": 7}",
              n, x, y, x + 32, y + 32));
    }
    detections = Files.write(dir.resolve("incident.jsonl"), lines);
  }

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldRenderAClipSideCarAndThumbnailFromAVideoAndJsonlDetections() throws Exception {
    Path output = dir.resolve("evidence/event_001.mp4");
    Files.createDirectories(output.getParent());
    int exit =
        run(
            "render",
            "--video",
            video.toString(),
            "--detections",
            detections.toString(),
            "--start",
            "1",
            "--end",
            "3",
            "--output",
            output.toString(),
            "--camera",
            "dock-3",
            "--focus-track",
            "7",
            "--no-progress");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(output).exists();
    assertThat(dir.resolve("evidence/event_001.jpg")).exists();
    JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("evidence/event_001.json").toFile());
    assertThat(sidecar.path("frames")).hasSize(50);
    assertThat(sidecar.path("cameraId").asText()).isEqualTo("dock-3");
    assertThat(sidecar.path("frames").get(1).path("boxes").get(0).path("focus").asBoolean())
        .isTrue();
    assertThat(out.toString()).contains("event_001: 50 frames 320x240");
  }

  @Test
  void shouldJoinNvrSegmentsGivenWithTheirOwnWindows() throws Exception {
    Path second = SyntheticVideo.builder().fps(25, 1).frames(100).writeTo(dir.resolve("next.mp4"));
    Path output = dir.resolve("joined.mp4");
    int exit =
        run(
            "render",
            "--source",
            video + ":3:",
            "--source",
            second + "::1",
            "--output",
            output.toString(),
            "--no-thumbnail",
            "--no-progress");
    assertThat(exit).as(err.toString()).isZero();
    JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("joined.json").toFile());
    assertThat(sidecar.path("frames")).hasSize(25 + 25);
    assertThat(sidecar.path("sources")).hasSize(2);
  }

  @Test
  void shouldRenderABatchSpecInYaml() throws Exception {
    Path spec =
        Files.writeString(
            dir.resolve("batch.yaml"),
            String.join(
                "\n",
                "output_dir: out",
                "camera: cam-9",
                "settings: {thumbnail: false}",
                "clips:",
                "  - id: first",
                "    sources: [{video: incident.mp4, detections: incident.jsonl, from: 0, to: 1}]",
                "  - id: second",
                "    settings: {crf: 30}",
                "    sources: [{video: incident.mp4, from: 0.5, to: 2}]",
                ""));
    int exit = run("render", "--batch", spec.toString(), "--no-progress");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(dir.resolve("out/first.mp4")).exists();
    assertThat(dir.resolve("out/second.mp4")).exists();
    JsonNode second = new ObjectMapper().readTree(dir.resolve("out/second.json").toFile());
    assertThat(second.path("settings").path("encoder").path("crf").asInt()).isEqualTo(30);
    assertThat(second.path("frames")).hasSize(37); // frames 13 (0.52 s) .. 49 (1.96 s)
  }

  @Test
  void shouldReportABadJsonlLineAsFileAndLineWithExitCode2() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            "{\"frame_idx\": 0, \"bbox\": [0,0,1,1], \"label\": \"ok\"}\n{\"frame_idx\": 1, \"bbox\": [0,0,1]}\n");
    int exit =
        run(
            "render",
            "--video",
            video.toString(),
            "--detections",
            bad.toString(),
            "--output",
            dir.resolve("x.mp4").toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("bad.jsonl:2").doesNotContain("\tat ");
  }

  @Test
  void shouldExplainAMissingVideoAWindowOutsideItAndAnUnreadableFileWithExitCode2()
      throws Exception {
    assertThat(
            run(
                "render",
                "--video",
                dir.resolve("gone.mp4").toString(),
                "--output",
                dir.resolve("a.mp4").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("gone.mp4").contains("no such file");
    assertThat(
            run(
                "render",
                "--video",
                video.toString(),
                "--start",
                "60",
                "--end",
                "70",
                "--output",
                dir.resolve("b.mp4").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("only 4.000 s long");
    Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video");
    assertThat(
            run("render", "--video", junk.toString(), "--output", dir.resolve("c.mp4").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("junk.mp4").doesNotContain("\tat ");
  }

  @Test
  void shouldRefuseIncompatibleSourcesWhenAskedTo() throws Exception {
    Path large =
        SyntheticVideo.builder().size(640, 480).frames(25).writeTo(dir.resolve("large.mp4"));
    int exit =
        run(
            "render",
            "--video",
            video.toString(),
            "--video",
            large.toString(),
            "--resolution",
            "refuse",
            "--output",
            dir.resolve("mixed.mp4").toString(),
            "--no-progress");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("640x480").contains("320x240");
  }

  @Test
  void shouldExplainUsageMistakes() {
    assertThat(run("render", "--output", dir.resolve("a.mp4").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--video");
    assertThat(
            run(
                "render",
                "--video",
                video.toString(),
                "--output",
                dir.resolve("a.mp4").toString(),
                "--preset",
                "turbo"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Unknown preset 'turbo'");
  }

  @Test
  void shouldDrawZonesAndLinesGivenOnTheCommandLineAndRecordThemInTheSideCar() throws Exception {
    Path output = dir.resolve("zones.mp4");
    int exit =
        run(
            "render",
            "--video",
            video.toString(),
            "--start",
            "0",
            "--end",
            "1",
            "-o",
            output.toString(),
            "--zone",
            "dock=10,10;200,10;200,200",
            "--line",
            "tripwire@#FF0000=0,120;319,120",
            "--no-progress");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode zones =
        new ObjectMapper()
            .readTree(dir.resolve("zones.json").toFile())
            .path("settings")
            .path("zones");
    assertThat(zones).hasSize(2);
    assertThat(zones.toString()).contains("dock").contains("tripwire");
  }

  @Test
  void shouldRejectAMalformedZoneWithExitCode2() {
    int exit =
        run(
            "render",
            "--video",
            video.toString(),
            "--start",
            "0",
            "--end",
            "1",
            "-o",
            dir.resolve("bad.mp4").toString(),
            "--zone",
            "dock=10,10",
            "--no-progress");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--zone").contains("at least two points");
  }
}
