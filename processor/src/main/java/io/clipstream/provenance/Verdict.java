package io.clipstream.provenance;

import java.util.List;
import java.util.Optional;

/**
 * What {@link ClipVerifier} found: one line per check, and the signer when a manifest was read.
 *
 * @param trusted empty when no trust anchors were given
 */
public record Verdict(
    List<Check> checks,
    Optional<String> signer,
    Optional<String> fingerprint,
    Optional<Boolean> trusted) {

  public Verdict {
    checks = List.copyOf(checks);
  }

  /** One check: what was checked, whether it passed, and what it means when it did not. */
  public record Check(String name, boolean passed, String detail) {}

  /** True when every check passed. */
  public boolean valid() {
    return checks.stream().allMatch(Check::passed);
  }

  /** "valid", or "TAMPERED" when a hash or the signature failed, else "INVALID". */
  public String summary() {
    if (valid()) {
      return "valid";
    }
    boolean tampered =
        checks.stream()
            .anyMatch(
                c ->
                    !c.passed()
                        && (c.name().startsWith("hash")
                            || c.name().startsWith("signature")
                            || c.name().startsWith("assertion")
                            || c.name().startsWith("side-car")));
    return tampered ? "TAMPERED" : "INVALID";
  }
}
