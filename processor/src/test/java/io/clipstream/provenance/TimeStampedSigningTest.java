package io.clipstream.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures time-stamped by a real RFC 3161 authority (a local one, over HTTP): the token is
 * embedded as {@code sigTst2}, checked by {@link ClipVerifier}, and keeps a clip valid after its
 * signing certificate expired.
 */
class TimeStampedSigningTest {

  static ThrowAwayCertificates certs;
  static LocalTsa tsa;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    certs = ThrowAwayCertificates.es256("Stamped");
    tsa = new LocalTsa(certs);
  }

  @AfterAll
  static void stop() {
    tsa.close();
  }

  private ClipSigner signer(SigningIdentity identity) {
    return new ClipSigner(identity, Optional.of(tsa.client()), true);
  }

  @Test
  void shouldEmbedATimeStampTheVerifierChecksAndReportsWithItsTsa() throws Exception {
    Path clip = ClipSignerTest.footage(dir);
    int before = tsa.requests.get();
    Instant start = Instant.now().minusSeconds(1);
    signer(certs.identity()).sign(clip, ClipSignerTest.facts(Optional.empty()));

    assertThat(tsa.requests.get()).isEqualTo(before + 1);
    Verdict verdict = new ClipVerifier(List.of(certs.ca)).verify(clip, Optional.empty());
    assertThat(verdict.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue());
    Verdict.Check stamp =
        verdict.checks().stream().filter(c -> c.name().equals("time-stamp")).findFirst().get();
    assertThat(stamp.detail())
        .contains("signed at " + start.toString().substring(0, 10))
        .contains("CN=Clipstream test TSA")
        .contains("its chain leads to a given trust anchor");
  }

  @Test
  void shouldTimeStampAJpegThumbnailToo() throws Exception {
    Path jpeg = ClipSignerTest.thumbnail(dir);
    signer(certs.identity()).sign(jpeg, ClipSignerTest.facts(Optional.empty()));

    Verdict verdict = new ClipVerifier(List.of(certs.ca)).verify(jpeg, Optional.empty());
    assertThat(verdict.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue());
    assertThat(verdict.checks()).anySatisfy(c -> assertThat(c.name()).isEqualTo("time-stamp"));
  }

  @Test
  void shouldKeepAClipValidAfterItsCertificateExpiredOnlyWhenItWasTimeStamped() throws Exception {
    ThrowAwayCertificates shortLived = ThrowAwayCertificates.es256("Short", Duration.ofSeconds(3));
    Path stamped = ClipSignerTest.footage(Files.createDirectory(dir.resolve("stamped")));
    Path plain = ClipSignerTest.footage(Files.createDirectory(dir.resolve("plain")));
    signer(shortLived.identity()).sign(stamped, ClipSignerTest.facts(Optional.empty()));
    new ClipSigner(shortLived.identity()).sign(plain, ClipSignerTest.facts(Optional.empty()));
    // Wait (not a timing assertion) until the signer's certificate has expired.
    while (!Instant.now().isAfter(shortLived.signer.getNotAfter().toInstant().plusSeconds(1))) {
      Thread.sleep(200);
    }
    // The signer's CA and the TSA's CA (the TSA is under another one) are both trusted.
    ClipVerifier verifier = new ClipVerifier(List.of(shortLived.ca, certs.ca));

    Verdict stampedVerdict = verifier.verify(stamped, Optional.empty());
    assertThat(stampedVerdict.checks())
        .allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue());
    assertThat(stampedVerdict.checks())
        .filteredOn(c -> c.name().equals("certificate"))
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("valid at the time-stamped signing time"));

    Verdict plainVerdict = verifier.verify(plain, Optional.empty());
    assertThat(plainVerdict.valid()).isFalse();
    assertThat(plainVerdict.checks())
        .filteredOn(c -> !c.passed())
        .extracting(Verdict.Check::name)
        .contains("certificate");
    assertThat(plainVerdict.checks())
        .filteredOn(c -> c.name().equals("certificate"))
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("no trusted time-stamp"));
  }

  @Test
  void shouldCallATimeStampOfAnotherSignatureInvalid() throws Exception {
    Path clip = ClipSignerTest.footage(dir);
    signer(certs.identity()).sign(clip, ClipSignerTest.facts(Optional.empty()));
    byte[] header = CoseSign1.protectedHeader(certs.identity());
    byte[] token =
        tsa.client().stamp(CoseSign1.timeStamped(header, new byte[64])); // another signature

    TimeStampCheck.Result result =
        TimeStampCheck.check(token, CoseSign1.timeStamped(header, new byte[] {1, 2, 3}));
    assertThat(result.stamp()).isEmpty();
    assertThat(result.problem()).contains("message imprint mismatch");
  }

  @Test
  void shouldFailSigningWithAClearReasonWhenTheTsaCannotBeReached() throws Exception {
    Path clip = ClipSignerTest.footage(dir);
    byte[] before = Files.readAllBytes(clip);
    ClipSigner signer = new ClipSigner(certs.identity(), Optional.of(LocalTsa.unreachable()), true);

    assertThatThrownBy(() -> signer.sign(clip, ClipSignerTest.facts(Optional.empty())))
        .isInstanceOf(TimeStampAuthority.TimeStampException.class)
        .hasMessageContaining("could not be reached")
        .hasMessageContaining("provenance.tsa.url");
    assertThat(Files.readAllBytes(clip)).as("the clip is left as it was").isEqualTo(before);
  }
}
