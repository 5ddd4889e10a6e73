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
    assertThat(verdict.checks().get(0).detail()).contains("the clip is not signed");
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
