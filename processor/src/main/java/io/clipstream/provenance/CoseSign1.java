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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * COSE_Sign1 (RFC 9052) with a detached payload, as C2PA signs a claim: the protected header holds
 * the algorithm and the {@code x5chain} (RFC 9360, label 33); the unprotected header may hold an
 * RFC 3161 time-stamp token ({@code sigTst2}) and padding.
 */
final class CoseSign1 {

  private static final int TAG = 18;
  private static final int ALG = 1;
  private static final int X5CHAIN = 33;
  private static final String SIG_TST2 = "sigTst2";
  private static final String PAD = "pad";

  /** ES256 (P1363 r||s) and EdDSA signatures are both 64 bytes. */
  private static final int SIGNATURE_BYTES = 64;

  /** Room reserved for a time-stamp token: a TSA's token with its chain is 1-6 KiB. */
  static final int TIME_STAMP_ROOM = 12 * 1024;

  private static final CBORFactory FACTORY = new CBORFactory();

  private CoseSign1() {}

  /** The result of a check: the signer's chain as carried, and whether the signature holds. */
  record Checked(
      List<X509Certificate> chain,
      CoseAlgorithm algorithm,
      boolean signatureValid,
      byte[] protectedHeader,
      byte[] signature,
      Optional<byte[]> timeStampToken) {}

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
    return sigStructure("Signature1", protectedHeader, payload);
  }

  /**
   * What a v2 time-stamp ({@code sigTst2}, C2PA 2.1 section 10.3.2.5) covers: the countersignature
   * structure ["CounterSignature", protected, external_aad, payload] whose payload is the signature
   * as a CBOR byte string, so the token vouches for the finished signature.
   */
  static byte[] timeStamped(byte[] protectedHeader, byte[] signature) {
    return sigStructure("CounterSignature", protectedHeader, encode(g -> g.writeBinary(signature)));
  }

  private static byte[] sigStructure(String context, byte[] protectedHeader, byte[] payload) {
    return encode(
        g -> {
          g.writeStartArray(null, 4);
          g.writeString(context);
          g.writeBinary(protectedHeader);
          g.writeBinary(new byte[0]);
          g.writeBinary(payload);
          g.writeEndArray();
        });
  }

  /**
   * Signs {@code payload} (the claim), time-stamps the signature when a TSA is given, and pads the
   * unprotected header so the result is exactly {@code size} bytes (the space reserved for it).
   */
  static byte[] sign(
      SigningIdentity identity, byte[] payload, Optional<TimeStampAuthority> tsa, int size) {
    byte[] header = protectedHeader(identity);
    byte[] signature = rawSign(identity.key(), identity.algorithm(), toBeSigned(header, payload));
    Map<String, Object> unprotected = new LinkedHashMap<>();
    tsa.ifPresent(
        t ->
            unprotected.put(
                SIG_TST2,
                Map.of(
                    "tstTokens", List.of(Map.of("val", t.stamp(timeStamped(header, signature)))))));
    return padded(header, unprotected, signature, size);
  }

  /** A stand-in of exactly the size {@link #sign} will fill: reserves room for a time-stamp. */
  static byte[] placeholder(SigningIdentity identity, boolean timeStamped) {
    byte[] header = protectedHeader(identity);
    byte[] bare = assemble(header, Map.of(), new byte[SIGNATURE_BYTES]);
    return timeStamped
        ? padded(header, Map.of(), new byte[SIGNATURE_BYTES], bare.length + TIME_STAMP_ROOM)
        : bare;
  }

  private static byte[] padded(
      byte[] header, Map<String, Object> unprotected, byte[] signature, int size) {
    byte[] bare = assemble(header, unprotected, signature);
    if (bare.length == size) {
      return bare;
    }
    // "pad": bstr adds the key (4 bytes), the byte string's header (1, 2, 3 or 5 bytes) and the
    // padding itself; try each header size until the total is exact.
    int missing = size - bare.length - 4;
    for (int head : new int[] {1, 2, 3, 5}) {
      int n = missing - head;
      if (n < 0) {
        continue;
      }
      Map<String, Object> withPad = new LinkedHashMap<>(unprotected);
      withPad.put(PAD, new byte[n]);
      byte[] cose = assemble(header, withPad, signature);
      if (cose.length == size) {
        return cose;
      }
    }
    throw new ProvenanceException(
        "the signature ("
            + bare.length
            + " bytes) does not fit the "
            + size
            + " bytes reserved for it (a time-stamp token larger than "
            + TIME_STAMP_ROOM
            + " bytes?)");
  }

  static byte[] assemble(byte[] header, Map<String, Object> unprotected, byte[] signature) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xc0 | TAG); // tag 18: COSE_Sign1
    out.write(0x84); // array of 4
    out.writeBytes(encode(g -> g.writeBinary(header)));
    // The unprotected map as the CBOR mapper encodes it (nested maps and lists, definite lengths).
    out.writeBytes(Cbor.write(unprotected));
    out.write(0xf6); // null: the payload (the claim) is detached
    out.writeBytes(encode(g -> g.writeBinary(signature)));
    return out.toByteArray();
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
    // sigTst2 = {"tstTokens": [{"val": token}]}; only the first token counts, as in c2pa-rs.
    JsonNode token = sign1.get(1).path(SIG_TST2).path("tstTokens").path(0).path("val");
    Optional<byte[]> timeStamp =
        token.isMissingNode() ? Optional.empty() : Optional.of(Cbor.bytes(token));
    byte[] signature = Cbor.bytes(sign1.get(3));
    boolean valid = verify(chain.get(0), algorithm, toBeSigned(header, payload), signature);
    return new Checked(List.copyOf(chain), algorithm, valid, header, signature, timeStamp);
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
