package io.clipstream.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The key clips are signed with and its X.509 chain (signer first). {@link #toString()} names the
 * certificate only: the key never reaches a log.
 */
public final class SigningIdentity {

  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final CoseAlgorithm algorithm;

  public SigningIdentity(PrivateKey key, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new ProvenanceException(
          "the signing certificate chain is empty: give at least the" + " signer's certificate");
    }
    this.key = key;
    this.chain = List.copyOf(chain);
    this.algorithm = CoseAlgorithm.forKey(key);
    if (!CoseSign1.keyMatches(key, chain.get(0), algorithm)) {
      throw new ProvenanceException(
          "the private key does not belong to the first certificate of"
              + " the chain ("
              + subject()
              + "): put the signer's certificate first");
    }
  }

  /** Loads a PEM private key (PKCS#8 or SEC1) and a PEM chain, signer's certificate first. */
  public static SigningIdentity fromPem(Path keyFile, Path chainFile) {
    return new SigningIdentity(readKey(keyFile), readChain(chainFile));
  }

  /** Loads the first key entry of a PKCS#12 keystore and its chain. */
  public static SigningIdentity fromPkcs12(Path keystore, char[] password) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          List<X509Certificate> chain = new ArrayList<>();
          for (Certificate c : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
          }
          return new SigningIdentity((PrivateKey) store.getKey(alias, password), chain);
        }
      }
      throw new ProvenanceException(keystore + " holds no private key entry");
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new ProvenanceException(
          "cannot read the PKCS#12 keystore "
              + keystore
              + " ("
              + e.getMessage()
              + "): check the file and provenance.keystore.password",
          e);
    }
  }

  static PrivateKey readKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      Object read = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (read instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (read instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new ProvenanceException(
          file
              + " holds no unencrypted PEM private key (PKCS#8"
              + " 'PRIVATE KEY' or 'EC PRIVATE KEY')");
    } catch (IOException e) {
      throw new ProvenanceException(
          "cannot read the private key " + file + ": " + e.getMessage(), e);
    }
  }

  /** The certificates of a PEM file, in file order. */
  public static List<X509Certificate> readChain(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) c);
      }
      if (chain.isEmpty()) {
        throw new ProvenanceException(file + " holds no PEM certificate");
      }
      return chain;
    } catch (IOException | CertificateException e) {
      throw new ProvenanceException(
          "cannot read certificates from " + file + ": " + e.getMessage(), e);
    }
  }

  PrivateKey key() {
    return key;
  }

  public List<X509Certificate> chain() {
    return chain;
  }

  CoseAlgorithm algorithm() {
    return algorithm;
  }

  public String subject() {
    return chain.get(0).getSubjectX500Principal().getName();
  }

  /** SHA-256 of the signer certificate's DER, hex: how the side-car names the certificate. */
  public String fingerprint() {
    return fingerprint(chain.get(0));
  }

  static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(Digest.of(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new ProvenanceException("cannot encode the certificate " + certificate, e);
    }
  }

  @Override
  public String toString() {
    return "SigningIdentity[" + subject() + ", sha256 " + fingerprint() + ", " + algorithm + "]";
  }
}
