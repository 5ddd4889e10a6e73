package io.clipstream.provenance;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Checks an RFC 3161 time-stamp token of a signature ({@code sigTst2}): that it covers this very
 * signature (message imprint), that the TSA's signature over it holds, and which TSA chain signed
 * it.
 */
final class TimeStampCheck {

  private TimeStampCheck() {}

  /**
   * What the token says.
   *
   * @param time when the TSA saw the signature
   * @param chain the TSA's certificate first, then its issuers as the token carries them
   */
  record Stamp(Instant time, List<X509Certificate> chain) {
    String tsa() {
      return chain.get(0).getSubjectX500Principal().getName();
    }
  }

  /** The stamp, or a reason a person understands why the token does not prove a time. */
  record Result(Optional<Stamp> stamp, String problem) {}

  static Result check(byte[] token, byte[] stampedData) {
    try {
      TimeStampToken tst = new TimeStampToken(new CMSSignedData(token));
      TimeStampTokenInfo info = tst.getTimeStampInfo();
      byte[] expected =
          MessageDigest.getInstance(info.getMessageImprintAlgOID().getId()).digest(stampedData);
      if (!Arrays.equals(expected, info.getMessageImprintDigest())) {
        return new Result(
            Optional.empty(),
            "the time-stamp covers other data than this signature (message imprint mismatch)");
      }
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> signers = tst.getCertificates().getMatches(tst.getSID());
      if (signers.isEmpty()) {
        return new Result(
            Optional.empty(), "the time-stamp carries no certificate of the TSA that signed it");
      }
      X509CertificateHolder signer = signers.iterator().next();
      // Checks the TSA's signature, its certificate's validity at the stamped time and its
      // extended key usage (timeStamping).
      tst.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
      return new Result(
          Optional.of(new Stamp(info.getGenTime().toInstant(), chain(signer, tst))), "");
    } catch (TSPException | CMSException | IOException e) {
      return new Result(Optional.empty(), "the time-stamp token is not valid: " + e.getMessage());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      return new Result(
          Optional.empty(), "the time-stamp token cannot be checked: " + e.getMessage());
    }
  }

  /** The TSA's certificate, then each issuer found among the token's certificates. */
  private static List<X509Certificate> chain(X509CertificateHolder signer, TimeStampToken tst)
      throws GeneralSecurityException {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> all = tst.getCertificates().getMatches(null);
    List<X509Certificate> chain = new ArrayList<>();
    X509CertificateHolder current = signer;
    while (current != null && chain.size() < 8) {
      chain.add(converter.getCertificate(current));
      if (current.getIssuer().equals(current.getSubject())) {
        break;
      }
      X509CertificateHolder issuedBy = current;
      current =
          all.stream()
              .filter(c -> c.getSubject().equals(issuedBy.getIssuer()))
              .findFirst()
              .orElse(null);
    }
    return chain;
  }
}
