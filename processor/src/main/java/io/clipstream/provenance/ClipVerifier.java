package io.clipstream.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
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
import java.util.ArrayList;
import java.util.Arrays;
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
    byte[] store;
    try (FileChannel in = FileChannel.open(clip, StandardOpenOption.READ)) {
      Optional<Bmff.TopBox> box = Bmff.manifestBox(Bmff.topLevel(in));
      if (box.isEmpty()) {
        checks.add(
            new Verdict.Check(
                "manifest", false, "no C2PA manifest in " + clip + ": the clip is not signed"));
        return new Verdict(checks, Optional.empty(), Optional.empty(), Optional.empty());
      }
      store =
          Bmff.storeOf(
              Bmff.read(in, box.get().offset(), Math.toIntExact(box.get().size())).array());
    } catch (IOException e) {
      throw Bmff.unchecked(clip, e);
    }
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
    checks.add(validity(signer));
    Optional<Boolean> trusted = Optional.empty();
    if (!anchors.isEmpty()) {
      Verdict.Check chain = chain(cose.chain());
      checks.add(chain);
      trusted = Optional.of(chain.passed());
    }
    Jumbf.Node assertionStore =
        manifest
            .childOfType(C2pa.ASSERTIONS)
            .orElseThrow(() -> new ProvenanceException("the manifest has no assertion store"));
    JsonNode claim = Cbor.read(claimBytes);
    checkAssertionHashes(claim, assertionStore, checks);
    assertionStore
        .child(C2pa.BMFF_HASH_LABEL)
        .ifPresentOrElse(
            a -> checks.add(fileHash(clip, Cbor.read(a.content()))),
            () ->
                checks.add(
                    new Verdict.Check(
                        "hash",
                        false,
                        "the manifest has no "
                            + C2pa.BMFF_HASH_LABEL
                            + " assertion binding the file")));
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

  private static Verdict.Check validity(X509Certificate signer) {
    try {
      signer.checkValidity();
      return new Verdict.Check(
          "certificate", true, "valid until " + signer.getNotAfter().toInstant());
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return new Verdict.Check(
          "certificate",
          false,
          "the signing certificate is outside its"
              + " validity period ("
              + signer.getNotBefore().toInstant()
              + " to "
              + signer.getNotAfter().toInstant()
              + ")");
    }
  }

  private Verdict.Check chain(List<X509Certificate> chain) {
    try {
      Set<TrustAnchor> trust =
          anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
      List<X509Certificate> path =
          chain.stream().filter(c -> anchors.stream().noneMatch(a -> a.equals(c))).toList();
      PKIXParameters parameters = new PKIXParameters(trust);
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      return new Verdict.Check("trust", true, "the signer's chain leads to a given trust anchor");
    } catch (GeneralSecurityException e) {
      return new Verdict.Check(
          "trust",
          false,
          "the signer is not trusted: its chain does not"
              + " lead to any given trust anchor ("
              + e.getMessage()
              + ")");
    }
  }
}
