package io.clipstream.provenance;

import java.security.Key;
import java.security.interfaces.ECKey;

/** The COSE signature algorithms supported: ES256 (P-256) and EdDSA (Ed25519). */
enum CoseAlgorithm {
  ES256(-7, "SHA256withECDSAinP1363Format"),
  ED25519(-8, "Ed25519");

  final int id;
  final String jcaName;

  CoseAlgorithm(int id, String jcaName) {
    this.id = id;
    this.jcaName = jcaName;
  }

  static CoseAlgorithm forKey(Key key) {
    if (key instanceof ECKey ec) {
      if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new ProvenanceException(
            "only P-256 EC keys are supported (ES256); this key is on"
                + " a "
                + ec.getParams().getCurve().getField().getFieldSize()
                + "-bit curve");
      }
      return ES256;
    }
    if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
      return ED25519;
    }
    throw new ProvenanceException(
        "unsupported signing key type "
            + key.getAlgorithm()
            + ": use an EC P-256 key (ES256) or an Ed25519 key");
  }

  static CoseAlgorithm forId(int id) {
    for (CoseAlgorithm a : values()) {
      if (a.id == id) {
        return a;
      }
    }
    throw new ProvenanceException(
        "the manifest is signed with COSE algorithm "
            + id
            + ", which this verifier does not support (ES256 and EdDSA are)");
  }
}
