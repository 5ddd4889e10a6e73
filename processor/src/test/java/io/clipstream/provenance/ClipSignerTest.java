package io.clipstream.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing a real MP4 (CC-BY sample footage) and checking it with {@link ClipVerifier}. */
class ClipSignerTest {

  static ThrowAwayCertificates certs;
  @TempDir Path dir;

  @BeforeAll
  static void certificates() throws Exception {
    certs = ThrowAwayCertificates.es256("Signer test");
  }

  static ProvenanceFacts facts(Optional<String> sidecarSha256) {
    return new ProvenanceFacts(
        "clip-1.mp4",
        "clip-1",
        "event-1",
        "cam-1",
        List.of("hog-people"),
        List.of(
            new ProvenanceFacts.Source(
                "/nvr/cam-1/a.mp4",
                Instant.parse("2024-05-24T05:53:00Z"),
                Instant.parse("2024-05-24T05:53:10Z"),
                Optional.empty())),
        sidecarSha256,
        false,
        Instant.parse("2024-05-24T06:00:00Z"),
        "test");
  }

  static Path footage(Path dir) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Path clip = dir.resolve("clip-1.mp4");
    Files.copy(root.resolve("samples/footage/bottle-detection.mp4"), clip);
    return clip;
  }

  private Path signed(SigningIdentity identity, Optional<String> sidecarSha256) throws Exception {
    Path clip = footage(dir);
    new ClipSigner(identity).sign(clip, facts(sidecarSha256));
    return clip;
  }

  @Test
  void shouldEmbedAManifestRightAfterFtypThatVerifiesAgainstItsTrustAnchor() throws Exception {
    long before = Files.size(footage(Files.createDirectory(dir.resolve("original"))));
    Path clip = signed(certs.identity(), Optional.empty());

    try (FileChannel in = FileChannel.open(clip, StandardOpenOption.READ)) {
      List<Bmff.TopBox> boxes = Bmff.topLevel(in);
      assertThat(boxes.get(0).type()).isEqualTo("ftyp");
      assertThat(boxes.get(1).manifest()).isTrue();
      assertThat(Files.size(clip)).isEqualTo(before + boxes.get(1).size());
    }
    Verdict verdict = new ClipVerifier(List.of(certs.ca)).verify(clip, Optional.empty());
    assertThat(verdict.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue());
    assertThat(verdict.trusted()).contains(true);
    assertThat(verdict.signer().orElseThrow()).contains("CN=Signer test clip signer");
    assertThat(verdict.fingerprint()).contains(certs.identity().fingerprint());
  }

  @Test
  void shouldReportTamperingWhenOneByteOfTheVideoChanges() throws Exception {
    Path clip = signed(certs.identity(), Optional.empty());
    flipByteNearTheEnd(clip);

    Verdict verdict = new ClipVerifier(List.of(certs.ca)).verify(clip, Optional.empty());
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.summary()).isEqualTo("TAMPERED");
    assertThat(verdict.checks())
        .filteredOn(c -> !c.passed())
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("differ from the signed BMFF hash"));
  }

  @Test
  void shouldCallTheSignerUntrustedUnderAnotherAnchor() throws Exception {
    Path clip = signed(certs.identity(), Optional.empty());

    Verdict verdict =
        new ClipVerifier(List.of(ThrowAwayCertificates.es256("Other").ca))
            .verify(clip, Optional.empty());
    assertThat(verdict.trusted()).contains(false);
    assertThat(verdict.valid()).isFalse();
  }

  @Test
  void shouldDetectAnEditedSidecarThroughTheSignedHash() throws Exception {
    Path sidecar = dir.resolve("clip-1.json");
    Files.writeString(sidecar, "{\"clip_id\":\"clip-1\"}\n");
    Path clip = signed(certs.identity(), Optional.of(Digest.hexOfFile(sidecar)));
    assertThat(new ClipVerifier(List.of()).verify(clip, Optional.of(sidecar)).valid()).isTrue();

    Files.writeString(sidecar, "{\"clip_id\":\"clip-2\"}\n");
    Verdict verdict = new ClipVerifier(List.of()).verify(clip, Optional.of(sidecar));
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.checks())
        .filteredOn(c -> !c.passed())
        .singleElement()
        .satisfies(c -> assertThat(c.name()).isEqualTo("side-car"));
  }

  @Test
  void shouldSignWithEd25519Too() throws Exception {
    ThrowAwayCertificates ed = ThrowAwayCertificates.ed25519("Ed");
    Path clip = signed(ed.identity(), Optional.empty());

    Verdict verdict = new ClipVerifier(List.of(ed.ca)).verify(clip, Optional.empty());
    assertThat(verdict.valid()).as(verdict.checks().toString()).isTrue();
    assertThat(verdict.checks().get(1).detail()).startsWith("ED25519");
  }

  @Test
  void shouldRefuseAKeyThatDoesNotBelongToTheCertificate() throws Exception {
    ThrowAwayCertificates other = ThrowAwayCertificates.es256("Other");
    assertThatThrownBy(
            () -> new SigningIdentity(other.signerKeys.getPrivate(), List.of(certs.signer)))
        .isInstanceOf(ProvenanceException.class)
        .hasMessageContaining("does not belong to the first certificate");
  }

  @Test
  void shouldSayAnUnsignedClipIsNotSigned() throws Exception {
    Verdict verdict = new ClipVerifier(List.of()).verify(footage(dir), Optional.empty());
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.checks().get(0).detail()).contains("is not signed");
  }

  @Test
  void shouldSignAJpegThumbnailInApp11SegmentsBoundByTheDataHash() throws Exception {
    Path jpeg = thumbnail(dir);
    byte[] before = Files.readAllBytes(jpeg);
    new ClipSigner(certs.identity()).sign(jpeg, facts(Optional.empty()));

    byte[] after = Files.readAllBytes(jpeg);
    int[] range = Jpeg.manifestRange(after).orElseThrow();
    assertThat(after[range[0] + 1] & 0xff).as("APP11").isEqualTo(0xeb);
    assertThat(after.length).isEqualTo(before.length + range[1]);
    assertThat(javax.imageio.ImageIO.read(jpeg.toFile()).getWidth())
        .as("still a JPEG any decoder reads")
        .isGreaterThan(0);
    Verdict verdict = new ClipVerifier(List.of(certs.ca)).verify(jpeg, Optional.empty());
    assertThat(verdict.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue());
    assertThat(verdict.checks())
        .anySatisfy(c -> assertThat(c.name()).isEqualTo("assertion c2pa.hash.data"));
  }

  @Test
  void shouldReportTamperingWhenOneByteOfTheThumbnailImageDataChanges() throws Exception {
    Path jpeg = thumbnail(dir);
    new ClipSigner(certs.identity()).sign(jpeg, facts(Optional.empty()));
    flipByteNearTheEnd(jpeg);

    Verdict verdict = new ClipVerifier(List.of(certs.ca)).verify(jpeg, Optional.empty());
    assertThat(verdict.summary()).isEqualTo("TAMPERED");
    assertThat(verdict.checks())
        .filteredOn(c -> !c.passed())
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("the image was altered"));
  }

  @Test
  void shouldSplitAManifestLargerThanOneSegmentOverSeveralApp11Segments() {
    byte[] store = new byte[150_000];
    System.arraycopy(
        Jumbf.superbox(C2pa.STORE, "c2pa", Jumbf.box("free", new byte[100])), 0, store, 0, 40);
    byte[] segments = Jpeg.segments(store);
    byte[] jpeg =
        Jpeg.embed(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9}, 2, segments);

    assertThat(Jpeg.manifestRange(jpeg).orElseThrow()).containsExactly(2, segments.length);
    assertThat(Jpeg.store(jpeg).orElseThrow()).isEqualTo(store);
  }

  /** One frame of the real footage as JPEG, written by the FFmpeg CLI as a thumbnail would be. */
  static Path thumbnail(Path dir) throws Exception {
    Path video = footage(Files.createDirectories(dir.resolve("for-thumbnail")));
    Path jpeg = dir.resolve("clip-1.jpg");
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-i",
                video.toString(),
                "-frames:v",
                "1",
                jpeg.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(ffmpeg.getInputStream().readAllBytes());
    assertThat(ffmpeg.waitFor()).as(out).isZero();
    return jpeg;
  }

  static void flipByteNearTheEnd(Path clip) throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(clip.toFile(), "rw")) {
      long at = file.length() - 1000;
      file.seek(at);
      int b = file.read();
      file.seek(at);
      file.write(b ^ 0x01);
    }
  }
}
