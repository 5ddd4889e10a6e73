package io.clipstream.cli;

import io.clipstream.provenance.ClipVerifier;
import io.clipstream.provenance.ProvenanceException;
import io.clipstream.provenance.SigningIdentity;
import io.clipstream.provenance.Verdict;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream verify FILE}: checks the C2PA Content Credentials of a clip or its thumbnail
 * and prints a verdict; exit 0 only when every check passed.
 */
@Command(
    name = "verify",
    description = {
      "Check a clip's C2PA Content Credentials: the signature, the signer's certificate (against"
          + " --trust-anchors), its RFC 3161 time-stamp, the hash binding the MP4 or JPEG and,"
          + " with --sidecar, the side-car.",
      "Exit status: 0 valid, 1 tampered, invalid or untrusted, 2 unreadable input."
    },
    mixinStandardHelpOptions = true)
public final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The clip (MP4) or its thumbnail (JPEG) to check.")
  Path clip;

  @Option(
      names = "--sidecar",
      paramLabel = "FILE.json",
      description = "The clip's JSON side-car: checked against the hash the manifest signed.")
  Path sidecar;

  @Option(
      names = "--trust-anchors",
      paramLabel = "PEM",
      description =
          "PEM file of the root certificates you trust; without it the signer is"
              + " shown but not judged.")
  Path trustAnchors;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Path p : sidecar == null ? List.of(clip) : List.of(clip, sidecar)) {
      if (!Files.isReadable(p)) {
        err.println("Cannot read " + p + ": check the path.");
        return 2;
      }
    }
    try {
      List<X509Certificate> anchors =
          trustAnchors == null ? List.of() : SigningIdentity.readChain(trustAnchors);
      Verdict verdict = new ClipVerifier(anchors).verify(clip, Optional.ofNullable(sidecar));
      for (Verdict.Check check : verdict.checks()) {
        out.printf("%-6s %-28s %s%n", check.passed() ? "ok" : "FAIL", check.name(), check.detail());
      }
      verdict.signer().ifPresent(s -> out.println("signer " + s));
      verdict.fingerprint().ifPresent(f -> out.println("certificate sha256 " + f));
      if (verdict.trusted().isEmpty() && verdict.signer().isPresent()) {
        out.println("trust  not judged: pass --trust-anchors PEM to check the signer's chain");
      }
      out.println("verdict " + verdict.summary() + ": " + clip);
      out.flush();
      return verdict.valid() ? 0 : 1;
    } catch (ProvenanceException e) {
      err.println("Cannot read the Content Credentials of " + clip + ": " + e.getMessage());
      return 2;
    }
  }
}
