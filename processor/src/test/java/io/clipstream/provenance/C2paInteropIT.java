package io.clipstream.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.cli.ClipstreamCommand;
import io.clipstream.media.Ffprobe;
import io.clipstream.media.Rational;
import io.clipstream.render.ClipRenderer;
import io.clipstream.render.ClipResult;
import io.clipstream.render.input.DetectionsJsonl;
import io.clipstream.render.request.ClipRequest;
import io.clipstream.render.request.EventWindow;
import io.clipstream.render.request.RenderSettings;
import io.clipstream.render.request.SourceSlice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Clips rendered from real footage, signed by Clipstream, checked by an independent C2PA
 * implementation (the reference c2pa-rs as WebAssembly, from npm) and by {@code clipstream verify}.
 */
class C2paInteropIT {

  @TempDir static Path dir;
  static ThrowAwayCertificates certs;
  static Path rendered;
  static Path unsignedCopy;
  static Path copied;
  static Path sidecar;
  static Path thumbnail;
  static LocalTsa tsa;

  @BeforeAll
  static void renderAndSign() throws Exception {
    certs = ThrowAwayCertificates.es256("Interop");
    certs.writePem(dir);
    Path root = root();
    Path video = root.resolve("samples/footage/one-by-one-person-detection.mp4");
    Instant zero = Instant.parse("2024-05-24T05:53:00Z");
    SourceSlice source =
        new SourceSlice(
            video.toString(),
            5_000_000,
            25_000_000,
            zero,
            DetectionsJsonl.read(
                root.resolve("samples/footage/one-by-one-person-detection.jsonl"),
                new Rational(10, 1)));
    EventWindow window = new EventWindow(zero.plusSeconds(6), zero.plusSeconds(12));
    ClipResult drawn;
    ClipResult copy;
    try (ClipRenderer renderer = new ClipRenderer()) {
      drawn =
          renderer.render(
              new ClipRequest(
                  "office-1",
                  "office-cam",
                  List.of(source),
                  window,
                  Set.of(2L),
                  RenderSettings.defaults(),
                  Files.createDirectory(dir.resolve("drawn")),
                  "office-1"));
      copy =
          renderer.render(
              new ClipRequest(
                  "office-2",
                  "office-cam",
                  List.of(source),
                  window,
                  Set.of(2L),
                  RenderSettings.builder().overlays(false).build(),
                  Files.createDirectory(dir.resolve("copy")),
                  "office-2"));
    }
    assertThat(copy.streamCopied()).isTrue();
    rendered = drawn.video();
    sidecar = drawn.sidecar();
    unsignedCopy = Files.copy(rendered, dir.resolve("unsigned.mp4"));
    // Time-stamped by a local RFC 3161 authority under the same test CA.
    tsa = new LocalTsa(certs);
    ClipSigner signer = new ClipSigner(certs.identity(), Optional.of(tsa.client()), true);
    signer.sign(rendered, facts("office-1", video, Optional.of(Digest.hexOfFile(sidecar)), false));
    thumbnail = drawn.thumbnail().orElseThrow();
    signer.sign(thumbnail, facts("office-1", video, Optional.of(Digest.hexOfFile(sidecar)), false));
    copied = copy.video();
    signer.sign(copied, facts("office-2", video, Optional.empty(), true));
  }

  private static ProvenanceFacts facts(
      String clipId, Path video, Optional<String> sidecarHash, boolean streamCopied)
      throws Exception {
    return new ProvenanceFacts(
        clipId + ".mp4",
        clipId,
        "event-" + clipId,
        "office-cam",
        List.of("opencv-hog-people"),
        List.of(
            new ProvenanceFacts.Source(
                video.toString(),
                Instant.parse("2024-05-24T05:53:05Z"),
                Instant.parse("2024-05-24T05:53:25Z"),
                Optional.of(Digest.hexOfFile(video)))),
        sidecarHash,
        streamCopied,
        Instant.now(),
        "it");
  }

  @Test
  void shouldBeValidForTheReferenceImplementationWithOnlyTheSelfMadeCaUntrusted() throws Exception {
    JsonNode result = c2paWasm(rendered, null);
    assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("Valid");
    assertThat(texts(result.path("failure"))).containsExactly("signingCredential.untrusted");
    assertThat(texts(result.path("success")))
        .contains("claimSignature.validated", "assertion.bmffHash.match");
    assertThat(result.path("evidence").path("event_id").asText()).isEqualTo("event-office-1");

    JsonNode trusted = c2paWasm(rendered, dir.resolve("ca.pem"));
    assertThat(trusted.path("state").asText()).as(trusted.toString()).isEqualTo("Trusted");
    assertThat(trusted.path("failure")).isEmpty();
    assertThat(
            verify(
                    rendered,
                    "--trust-anchors",
                    dir.resolve("ca.pem").toString(),
                    "--sidecar",
                    sidecar.toString())
                .exit)
        .isZero();
  }

  @AfterAll
  static void stopTsa() {
    if (tsa != null) {
      tsa.close();
    }
  }

  @Test
  void shouldAcceptTheTimeStampAndShowTheDetectorModelsInTheReferenceImplementation()
      throws Exception {
    JsonNode result = c2paWasm(rendered, dir.resolve("ca.pem"));
    assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("Trusted");
    assertThat(texts(result.path("success"))).as(result.toString()).contains("timeStamp.validated");
    assertThat(texts(result.path("evidence").path("detector_models")))
        .containsExactly("opencv-hog-people");
    Run run = verify(rendered, "--trust-anchors", dir.resolve("ca.pem").toString());
    assertThat(run.exit).as(run.out).isZero();
    assertThat(run.out).contains("ok     time-stamp").contains("CN=Clipstream test TSA");
  }

  @Test
  void shouldHaveTheThumbnailValidForBothVerifiersAndTamperedAfterOneByteOfImageData()
      throws Exception {
    JsonNode result = c2paWasm(thumbnail, "image/jpeg", dir.resolve("ca.pem"));
    assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("Trusted");
    assertThat(texts(result.path("success"))).contains("assertion.dataHash.match");
    assertThat(
            verify(
                    thumbnail,
                    "--trust-anchors",
                    dir.resolve("ca.pem").toString(),
                    "--sidecar",
                    sidecar.toString())
                .exit)
        .isZero();

    Path tampered = Files.copy(thumbnail, dir.resolve("tampered.jpg"));
    ClipSignerTest.flipByteNearTheEnd(tampered);
    JsonNode broken = c2paWasm(tampered, "image/jpeg", dir.resolve("ca.pem"));
    assertThat(broken.path("state").asText()).as(broken.toString()).isEqualTo("Invalid");
    assertThat(texts(broken.path("failure"))).contains("assertion.dataHash.mismatch");
    Run run = verify(tampered, "--trust-anchors", dir.resolve("ca.pem").toString());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.out).contains("verdict TAMPERED").contains("FAIL   hash");
  }

  @Test
  void shouldStillPlayTheSameFramesWithMoovBeforeMdatAfterSigning() throws Exception {
    List<String> boxes = Ffprobe.topLevelBoxes(rendered);
    assertThat(boxes).startsWith("ftyp", "uuid", "moov");
    assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
    assertThat(Ffprobe.packets(rendered)).isEqualTo(Ffprobe.packets(unsignedCopy));
    assertThat(Ffprobe.frameTimes(rendered)).isEqualTo(Ffprobe.frameTimes(unsignedCopy));
    assertThat(Ffprobe.videoStream(rendered).path("codec_name").asText()).isEqualTo("h264");
  }

  @Test
  void shouldSignStreamCopiedClipsTheSameWay() throws Exception {
    JsonNode result = c2paWasm(copied, dir.resolve("ca.pem"));
    assertThat(result.path("state").asText()).as(result.toString()).isEqualTo("Trusted");
    assertThat(Ffprobe.frameTimes(copied)).isNotEmpty();
    assertThat(verify(copied, "--trust-anchors", dir.resolve("ca.pem").toString()).exit).isZero();
  }

  @Test
  void shouldBeCalledTamperedByBothVerifiersAfterOneByteOfVideoChanges() throws Exception {
    Path tampered = Files.copy(rendered, dir.resolve("tampered.mp4"));
    ClipSignerTest.flipByteNearTheEnd(tampered);

    JsonNode result = c2paWasm(tampered, dir.resolve("ca.pem"));
    assertThat(result.path("state").asText()).isEqualTo("Invalid");
    assertThat(texts(result.path("failure"))).contains("assertion.bmffHash.mismatch");
    Run run = verify(tampered, "--trust-anchors", dir.resolve("ca.pem").toString());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.out).contains("verdict TAMPERED").contains("FAIL   hash");
  }

  @Test
  void shouldBeUntrustedByBothVerifiersUnderAnotherAnchor() throws Exception {
    Path other = dir.resolve("other-ca.pem");
    Files.writeString(other, ThrowAwayCertificates.pem(ThrowAwayCertificates.es256("Other").ca));

    JsonNode result = c2paWasm(rendered, other);
    assertThat(texts(result.path("failure"))).contains("signingCredential.untrusted");
    assertThat(result.path("state").asText()).isNotEqualTo("Trusted");
    Run run = verify(rendered, "--trust-anchors", other.toString());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.out).contains("FAIL   trust");
  }

  @Test
  void shouldExposeAnEditedSidecarThroughTheSignedSidecarHash() throws Exception {
    Path edited = dir.resolve("edited.json");
    Files.writeString(edited, Files.readString(sidecar).replace("office-cam", "other-cam"));

    String signedHash = c2paWasm(rendered, null).path("evidence").path("sidecar_sha256").asText();
    assertThat(signedHash)
        .isEqualTo(Digest.hexOfFile(sidecar))
        .isNotEqualTo(Digest.hexOfFile(edited));
    Run run = verify(rendered, "--sidecar", edited.toString());
    assertThat(run.exit).isEqualTo(1);
    assertThat(run.out).contains("FAIL   side-car");
  }

  private record Run(int exit, String out) {}

  private static Run verify(Path clip, String... options) {
    StringWriter out = new StringWriter();
    List<String> args = new ArrayList<>(List.of("verify", clip.toString()));
    args.addAll(List.of(options));
    CommandLine cli = new CommandLine(new ClipstreamCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  static JsonNode c2paWasm(Path file, Path anchors) throws Exception {
    return c2paWasm(file, "video/mp4", anchors);
  }

  static JsonNode c2paWasm(Path file, String mime, Path anchors) throws Exception {
    Path script = root().resolve("processor/src/test/js/c2pa");
    if (!Files.isDirectory(script.resolve("node_modules/@contentauth/c2pa-wasm"))) {
      throw new AssertionError(
          "The independent C2PA verifier is not installed: run (cd "
              + script
              + " && npm ci --no-audit --no-fund) once (Node.js 20+).");
    }
    List<String> command =
        new ArrayList<>(List.of("node", "c2pa-validate.mjs", file.toString(), mime));
    if (anchors != null) {
      command.add(anchors.toString());
    }
    Process process =
        new ProcessBuilder(command).directory(script.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    return new ObjectMapper().readTree(last);
  }

  private static Path root() {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    return root;
  }
}
