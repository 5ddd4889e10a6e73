package io.clipstream.provenance;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and a signer certificate under it (valid 30 days), made with BouncyCastle the way
 * C2PA validators want signer certificates: key usage digitalSignature (critical), extended key
 * usage emailProtection, not a CA, subject and authority key identifiers. For the demo and tests:
 * the private keys live in memory and are never meant to sign real evidence.
 */
public final class ThrowAwayCertificates {

  public final KeyPair caKeys;
  public final X509Certificate ca;
  public final KeyPair signerKeys;
  public final X509Certificate signer;

  private ThrowAwayCertificates(String name, String keyAlgorithm, Duration signerValidity)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    caKeys = ecKeys();
    X500Name caName = new X500Name("CN=" + name + " Test CA,O=Clipstream throw-away,C=US");
    Instant now = Instant.now();
    ca =
        certificate(
            caName,
            caKeys.getPublic(),
            caName,
            caKeys,
            null,
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(30)),
            null);
    signerKeys =
        keyAlgorithm.equals("Ed25519")
            ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
            : ecKeys();
    signer =
        certificate(
            new X500Name("CN=" + name + " clip signer,O=Clipstream throw-away,C=US"),
            signerKeys.getPublic(),
            caName,
            caKeys,
            ca,
            now.minus(Duration.ofHours(1)),
            now.plus(signerValidity),
            KeyPurposeId.id_kp_emailProtection);
  }

  public static ThrowAwayCertificates es256(String name) {
    return make(name, "EC", Duration.ofDays(30));
  }

  /** A signer certificate that expires {@code validity} from now (to test expiry). */
  public static ThrowAwayCertificates es256(String name, Duration validity) {
    return make(name, "EC", validity);
  }

  public static ThrowAwayCertificates ed25519(String name) {
    return make(name, "Ed25519", Duration.ofDays(30));
  }

  /**
   * A time-stamp authority's certificate under this CA (extended key usage timeStamping, critical,
   * as RFC 3161 requires), for {@code keys}.
   */
  public X509Certificate timeStampAuthority(String name, KeyPair keys) {
    try {
      Instant now = Instant.now();
      return certificate(
          new X500Name("CN=" + name + ",O=Clipstream throw-away,C=US"),
          keys.getPublic(),
          X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
          caKeys,
          ca,
          now.minus(Duration.ofHours(1)),
          now.plus(Duration.ofDays(30)),
          KeyPurposeId.id_kp_timeStamping);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new ProvenanceException(
          "cannot make a throw-away TSA certificate: " + e.getMessage(), e);
    }
  }

  private static ThrowAwayCertificates make(
      String name, String keyAlgorithm, Duration signerValidity) {
    try {
      return new ThrowAwayCertificates(name, keyAlgorithm, signerValidity);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new ProvenanceException("cannot make a throw-away certificate: " + e.getMessage(), e);
    }
  }

  public SigningIdentity identity() {
    return new SigningIdentity(signerKeys.getPrivate(), List.of(signer, ca));
  }

  /** Writes key.pem, chain.pem (signer, CA) and ca.pem into {@code dir}. */
  public void writePem(Path dir) throws IOException {
    Files.writeString(dir.resolve("key.pem"), pem(signerKeys.getPrivate()));
    Files.writeString(dir.resolve("chain.pem"), pem(signer) + pem(ca));
    Files.writeString(dir.resolve("ca.pem"), pem(ca));
  }

  public static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(
          object instanceof PrivateKey key
              ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate()
              : object);
    }
    return out.toString();
  }

  public static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /**
   * @param purpose the end-entity's extended key usage; null makes a CA
   */
  private static X509Certificate certificate(
      X500Name subject,
      PublicKey key,
      X500Name issuer,
      KeyPair issuerKeys,
      X509Certificate issuerCert,
      Instant notBefore,
      Instant notAfter,
      KeyPurposeId purpose)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    boolean isCa = purpose == null;
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(System.nanoTime())
                .shiftLeft(8)
                .add(BigInteger.valueOf(isCa ? 1 : 2)),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            key);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
    if (isCa) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      // RFC 3161 wants the TSA's timeStamping usage critical; C2PA signers use a non-critical one.
      builder.addExtension(
          Extension.extendedKeyUsage,
          purpose == KeyPurposeId.id_kp_timeStamping,
          new ExtendedKeyUsage(purpose));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }
}
