package io.clipstream.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COSE_Sign1 (RFC 9052) with a detached payload, as C2PA signs a claim: the protected header holds
 * the algorithm and the {@code x5chain} (RFC 9360, label 33); the unprotected header may hold an
 * RFC 3161 time-stamp token ({@code sigTst2}) and padding.
 */
final class CoseSign1 {

  private static final int TAG = 18;
  private static final int ALG = 1;
  private static final int X5CHAIN = 33;
  private static final CBORFactory FACTORY = new CBORFactory();

  private CoseSign1() {}

  /** The result of a check: the signer's chain as carried, and whether the signature holds. */
  record Checked(
      List<X509Certificate> chain,
      CoseAlgorithm algorithm,
      boolean signatureValid,
      Map<String, byte[]> unprotected) {}

  static byte[] protectedHeader(SigningIdentity identity) {
    return encode(
        g -> {
          g.writeStartObject(null, 2);
          g.writeFieldId(ALG);
          g.writeNumber(identity.algorithm().id);
          g.writeFieldId(X5CHAIN);
          List<X509Certificate> chain = identity.chain();
          if (chain.size() > 1) {
            g.writeStartArray(null, chain.size());
          }
          for (X509Certificate c : chain) {
            try {
              g.writeBinary(c.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
              throw new ProvenanceException("cannot encode the certificate " + c, e);
            }
          }
          if (chain.size() > 1) {
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  /** The to-be-signed bytes: Sig_structure ["Signature1", protected, external_aad, payload]. */
  static byte[] toBeSigned(byte[] protectedHeader, byte[] payload) {
    return encode(
        g -> {
          g.writeStartArray(null, 4);
          g.writeString("Signature1");
          g.writeBinary(protectedHeader);
          g.writeBinary(new byte[0]);
          g.writeBinary(payload);
          g.writeEndArray();
        });
  }

  /** Signs {@code payload} (the claim); {@code unprotected} entries go in as byte strings. */
  static byte[] sign(SigningIdentity identity, byte[] payload, Map<String, byte[]> unprotected) {
    byte[] header = protectedHeader(identity);
    byte[] signature = rawSign(identity.key(), identity.algorithm(), toBeSigned(header, payload));
    return assemble(header, unprotected, signature);
  }

  static byte[] assemble(byte[] header, Map<String, byte[]> unprotected, byte[] signature) {
    return encode(
        g -> {
          g.writeTag(TAG);
          g.writeStartArray(null, 4);
          g.writeBinary(header);
          g.writeStartObject(null, unprotected.size());
          for (Map.Entry<String, byte[]> e : unprotected.entrySet()) {
            g.writeFieldName(e.getKey());
            g.writeBinary(e.getValue());
          }
          g.writeEndObject();
          g.writeNull();
          g.writeBinary(signature);
          g.writeEndArray();
        });
  }

  static byte[] rawSign(PrivateKey key, CoseAlgorithm algorithm, byte[] data) {
    try {
      Signature s = Signature.getInstance(algorithm.jcaName);
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new ProvenanceException("signing failed (" + e.getMessage() + "): check the key", e);
    }
  }

  static boolean keyMatches(PrivateKey key, X509Certificate certificate, CoseAlgorithm algorithm) {
    byte[] probe = "clipstream key check".getBytes(StandardCharsets.US_ASCII);
    return verify(certificate, algorithm, probe, rawSign(key, algorithm, probe));
  }

  static boolean verify(
      X509Certificate signer, CoseAlgorithm algorithm, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(algorithm.jcaName);
      s.initVerify(signer.getPublicKey());
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Parses a COSE_Sign1 and checks its signature over the detached {@code payload}. */
  static Checked check(byte[] cose, byte[] payload) {
    JsonNode sign1 = Cbor.read(cose);
    if (!sign1.isArray() || sign1.size() != 4) {
      throw new ProvenanceException("the manifest's signature is not a COSE_Sign1 structure");
    }
    byte[] header = Cbor.bytes(sign1.get(0));
    JsonNode protectedMap = Cbor.read(header);
    JsonNode alg = protectedMap.get(String.valueOf(ALG));
    if (alg == null) {
      throw new ProvenanceException("the manifest's signature names no algorithm");
    }
    CoseAlgorithm algorithm = CoseAlgorithm.forId(alg.asInt());
    JsonNode x5 = protectedMap.get(String.valueOf(X5CHAIN));
    if (x5 == null) {
      x5 = sign1.get(1).get(String.valueOf(X5CHAIN));
    }
    if (x5 == null) {
      throw new ProvenanceException("the manifest's signature carries no certificate (x5chain)");
    }
    List<X509Certificate> chain = new ArrayList<>();
    if (x5.isArray()) {
      x5.forEach(c -> chain.add(certificate(Cbor.bytes(c))));
    } else {
      chain.add(certificate(Cbor.bytes(x5)));
    }
    Map<String, byte[]> unprotected = new java.util.LinkedHashMap<>();
    sign1
        .get(1)
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isBinary()) {
                unprotected.put(e.getKey(), Cbor.bytes(e.getValue()));
              }
            });
    boolean valid =
        verify(chain.get(0), algorithm, toBeSigned(header, payload), Cbor.bytes(sign1.get(3)));
    return new Checked(List.copyOf(chain), algorithm, valid, unprotected);
  }

  private static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new ProvenanceException(
          "the manifest carries an unreadable certificate: " + e.getMessage(), e);
    }
  }

  interface Writes {
    void to(CBORGenerator generator) throws IOException;
  }

  static byte[] encode(Writes writes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator g = FACTORY.createGenerator(out)) {
      writes.to(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
