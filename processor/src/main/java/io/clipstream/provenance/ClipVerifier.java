package io.clipstream.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a clip's embedded Content Credentials: the COSE signature over the claim, the signer's
 * chain against trust anchors, every assertion's hash, the BMFF hash of the file and, when given,
 * the side-car's hash.
 */
public final class ClipVerifier {

  private final List<X509Certificate> anchors;

  /**
   * @param anchors trusted roots; empty: the chain is reported, not judged
   */
  public ClipVerifier(List<X509Certificate> anchors) {
    this.anchors = List.copyOf(anchors);
  }

  public Verdict verify(Path clip, Optional<Path> sidecar) {
    List<Verdict.Check> checks = new ArrayList<>();
    Optional<byte[]> found = embeddedStore(clip);
    if (found.isEmpty()) {
      checks.add(
          new Verdict.Check(
              "manifest", false, "no C2PA manifest in " + clip + ": the file is not signed"));
      return new Verdict(checks, Optional.empty(), Optional.empty(), Optional.empty());
    }
    byte[] store = found.get();
    Jumbf.Node manifests = Jumbf.parse(store, 0);
    if (manifests.children().isEmpty()) {
      checks.add(new Verdict.Check("manifest", false, "the manifest store holds no manifest"));
      return new Verdict(checks, Optional.empty(), Optional.empty(), Optional.empty());
    }
    Jumbf.Node manifest = manifests.children().get(manifests.children().size() - 1);
    checks.add(new Verdict.Check("manifest", true, "C2PA manifest " + manifest.label()));
    Jumbf.Node claimBox =
        manifest
            .childOfType(C2pa.CLAIM)
            .orElseThrow(() -> new ProvenanceException("the manifest has no claim"));
    Jumbf.Node signatureBox =
        manifest
            .childOfType(C2pa.SIGNATURE)
            .orElseThrow(() -> new ProvenanceException("the manifest has no signature"));
    byte[] claimBytes = claimBox.content();
    CoseSign1.Checked cose = CoseSign1.check(signatureBox.content(), claimBytes);
    X509Certificate signer = cose.chain().get(0);
    String subject = signer.getSubjectX500Principal().getName();
    checks.add(
        new Verdict.Check(
            "signature",
            cose.signatureValid(),
            cose.signatureValid()
                ? cose.algorithm() + " signature over the claim holds, signed by " + subject
                : "the claim's signature does not verify: the claim was altered after signing"));
    Optional<Instant> signedAt = cose.timeStampToken().flatMap(t -> timeStamp(t, cose, checks));
    checks.add(validity(signer, signedAt));
    Optional<Boolean> trusted = Optional.empty();
    if (!anchors.isEmpty()) {
      Verdict.Check chain = chain("trust", "the signer's", cose.chain(), signedAt);
      checks.add(chain);
      trusted = Optional.of(chain.passed());
    }
    Jumbf.Node assertionStore =
        manifest
            .childOfType(C2pa.ASSERTIONS)
            .orElseThrow(() -> new ProvenanceException("the manifest has no assertion store"));
    JsonNode claim = Cbor.read(claimBytes);
    checkAssertionHashes(claim, assertionStore, checks);
    Optional<Jumbf.Node> bmff = assertionStore.child(C2pa.BMFF_HASH_LABEL);
    Optional<Jumbf.Node> data = assertionStore.child(C2pa.DATA_HASH_LABEL);
    if (bmff.isPresent()) {
      checks.add(fileHash(clip, Cbor.read(bmff.get().content())));
    } else if (data.isPresent()) {
      checks.add(dataHash(clip, Cbor.read(data.get().content())));
    } else {
      checks.add(
          new Verdict.Check(
              "hash",
              false,
              "the manifest has no "
                  + C2pa.BMFF_HASH_LABEL
                  + " or "
                  + C2pa.DATA_HASH_LABEL
                  + " assertion binding the file"));
    }
    sidecar.ifPresent(s -> checks.add(sidecarHash(s, assertionStore)));
    return new Verdict(
        checks, Optional.of(subject), Optional.of(SigningIdentity.fingerprint(signer)), trusted);
  }

  private static void checkAssertionHashes(
      JsonNode claim, Jumbf.Node store, List<Verdict.Check> checks) {
    for (String list : List.of("created_assertions", "gathered_assertions")) {
      for (JsonNode reference : claim.path(list)) {
        String url = reference.path("url").asText();
        String label = url.substring(url.lastIndexOf('/') + 1);
        Optional<Jumbf.Node> assertion = store.child(label);
        boolean match =
            assertion.isPresent()
                && Arrays.equals(
                    Digest.of(assertion.get().payload()), Cbor.bytes(reference.get("hash")));
        checks.add(
            new Verdict.Check(
                "assertion " + label,
                match,
                match
                    ? "hash matches the claim"
                    : assertion.isEmpty()
                        ? "missing from the manifest"
                        : "altered: its hash differs from the one the claim signed"));
      }
    }
  }

  private static Verdict.Check fileHash(Path clip, JsonNode assertion) {
    try {
      byte[] expected = Cbor.bytes(assertion.get("hash"));
      boolean match = Arrays.equals(expected, Bmff.hash(clip));
      return new Verdict.Check(
          "hash",
          match,
          match
              ? "the file's bytes match the signed BMFF hash"
              : "the file's bytes differ from the signed BMFF hash: the video (moov or mdat) was"
                  + " altered after signing");
    } catch (IOException e) {
      throw Bmff.unchecked(clip, e);
    }
  }

  private static Verdict.Check sidecarHash(Path sidecar, Jumbf.Node store) {
    Optional<String> signed =
        store
            .child(C2pa.EVIDENCE_LABEL)
            .map(a -> Cbor.read(a.content()).path("sidecar_sha256").asText(null));
    if (signed.isEmpty() || signed.get() == null) {
      return new Verdict.Check("side-car", false, "the manifest records no side-car hash");
    }
    try {
      String actual = Digest.hexOfFile(sidecar);
      boolean match = actual.equals(signed.get());
      return new Verdict.Check(
          "side-car",
          match,
          match
              ? sidecar.getFileName() + " matches the signed side-car hash"
              : sidecar.getFileName()
                  + " differs from the side-car that was signed (sha256 "
                  + actual
                  + ", signed "
                  + signed.get()
                  + "): it was edited");
    } catch (IOException e) {
      throw Bmff.unchecked(sidecar, e);
    }
  }

  /**
   * The signer's certificate must be valid when the clip was signed: at the time-stamped time when
   * a trusted time-stamp says when, else now (without a time-stamp nothing proves an earlier time).
   */
  private static Verdict.Check validity(X509Certificate signer, Optional<Instant> signedAt) {
    Instant at = signedAt.orElseGet(Instant::now);
    String period =
        " (" + signer.getNotBefore().toInstant() + " to " + signer.getNotAfter().toInstant() + ")";
    try {
      signer.checkValidity(Date.from(at));
      boolean expiredSince = signer.getNotAfter().toInstant().isBefore(Instant.now());
      return new Verdict.Check(
          "certificate",
          true,
          signedAt.isPresent()
              ? "valid at the time-stamped signing time "
                  + at
                  + period
                  + (expiredSince ? "; expired since, which does not matter" : "")
              : "valid until " + signer.getNotAfter().toInstant());
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return new Verdict.Check(
          "certificate",
          false,
          signedAt.isPresent()
              ? "the signing certificate was not valid at the time-stamped signing time "
                  + at
                  + period
              : "the signing certificate is outside its validity period"
                  + period
                  + " and no trusted time-stamp proves the clip was signed while it was valid");
    }
  }

  /**
   * Checks the {@code sigTst2} token and adds a line; the time it proves, when its TSA is trusted
   * (or no anchors were given to judge it).
   */
  private Optional<Instant> timeStamp(
      byte[] token, CoseSign1.Checked cose, List<Verdict.Check> checks) {
    TimeStampCheck.Result result =
        TimeStampCheck.check(
            token, CoseSign1.timeStamped(cose.protectedHeader(), cose.signature()));
    if (result.stamp().isEmpty()) {
      checks.add(new Verdict.Check("time-stamp", false, result.problem()));
      return Optional.empty();
    }
    TimeStampCheck.Stamp stamp = result.stamp().get();
    String what = "RFC 3161 time-stamp: signed at " + stamp.time() + " by the TSA " + stamp.tsa();
    if (anchors.isEmpty()) {
      checks.add(new Verdict.Check("time-stamp", true, what + " (TSA chain not judged)"));
      return Optional.of(stamp.time());
    }
    Verdict.Check tsaTrust =
        chain("time-stamp", "the TSA's", stamp.chain(), Optional.of(stamp.time()));
    checks.add(
        new Verdict.Check(
            "time-stamp",
            true,
            what
                + (tsaTrust.passed()
                    ? "; its chain leads to a given trust anchor"
                    : "; its TSA is not under the given anchors, so its time is not relied on ("
                        + tsaTrust.detail()
                        + ")")));
    return tsaTrust.passed() ? Optional.of(stamp.time()) : Optional.empty();
  }

  /** Validates {@code chain} against the anchors, at {@code at} (now when empty). */
  private Verdict.Check chain(
      String name, String whose, List<X509Certificate> chain, Optional<Instant> at) {
    try {
      Set<TrustAnchor> trust =
          anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
      List<X509Certificate> path =
          chain.stream().filter(c -> anchors.stream().noneMatch(a -> a.equals(c))).toList();
      PKIXParameters parameters = new PKIXParameters(trust);
      parameters.setRevocationEnabled(false);
      at.ifPresent(t -> parameters.setDate(Date.from(t)));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      return new Verdict.Check(name, true, whose + " chain leads to a given trust anchor");
    } catch (GeneralSecurityException e) {
      return new Verdict.Check(
          name,
          false,
          whose
              + " chain does not lead to any given trust anchor"
              + at.map(t -> " at " + t).orElse("")
              + " ("
              + e.getMessage()
              + ")");
    }
  }

  /** The manifest store of an MP4 ({@code uuid} box) or a JPEG (APP11 segments), if any. */
  private static Optional<byte[]> embeddedStore(Path file) {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] head = Bmff.read(in, 0, (int) Math.min(3, in.size())).array();
      if (Jpeg.isJpeg(head)) {
        return Jpeg.store(Files.readAllBytes(file));
      }
      Optional<Bmff.TopBox> box = Bmff.manifestBox(Bmff.topLevel(in));
      if (box.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          Bmff.storeOf(
              Bmff.read(in, box.get().offset(), Math.toIntExact(box.get().size())).array()));
    } catch (IOException e) {
      throw Bmff.unchecked(file, e);
    }
  }

  private static Verdict.Check dataHash(Path file, JsonNode assertion) {
    try {
      byte[] jpeg = Files.readAllBytes(file);
      JsonNode exclusion = assertion.path("exclusions").path(0);
      long start = exclusion.path("start").asLong();
      long length = exclusion.path("length").asLong();
      Optional<int[]> range = Jpeg.manifestRange(jpeg);
      boolean covers = range.isPresent() && range.get()[0] == start && range.get()[1] == length;
      boolean match =
          covers
              && Arrays.equals(Cbor.bytes(assertion.get("hash")), Jpeg.hash(jpeg, start, length));
      return new Verdict.Check(
          "hash",
          match,
          match
              ? "the file's bytes match the signed data hash"
              : "the file's bytes differ from the signed data hash: the image was altered after"
                  + " signing");
    } catch (IOException e) {
      throw Bmff.unchecked(file, e);
    }
  }
}
