package io.clipstream.provenance;

import java.util.HexFormat;

/** The identifiers the C2PA 2.1 specification fixes: box and JUMBF types, labels. */
final class C2pa {

  /** The extended type of the BMFF {@code uuid} box that holds a manifest store. */
  static final byte[] BMFF_UUID = HexFormat.of().parseHex("d8fec3d61b0e483c92975828877ec481");

  static final byte[] STORE = jumbfType("c2pa");
  static final byte[] MANIFEST = jumbfType("c2ma");
  static final byte[] ASSERTIONS = jumbfType("c2as");
  static final byte[] CLAIM = jumbfType("c2cl");
  static final byte[] SIGNATURE = jumbfType("c2cs");
  static final byte[] CBOR = jumbfType("cbor");

  static final String CLAIM_LABEL = "c2pa.claim.v2";
  static final String SIGNATURE_LABEL = "c2pa.signature";
  static final String ASSERTIONS_LABEL = "c2pa.assertions";
  static final String ACTIONS_LABEL = "c2pa.actions.v2";
  static final String BMFF_HASH_LABEL = "c2pa.hash.bmff.v3";
  static final String DATA_HASH_LABEL = "c2pa.hash.data";
  static final String EVIDENCE_LABEL = "io.clipstream.evidence";

  /** The specification version this writer follows, named in the docs. */
  static final String SPEC_VERSION = "2.1";

  private C2pa() {}

  /** A JUMBF type UUID: the four characters, then the ISO 19566-5 suffix. */
  private static byte[] jumbfType(String fourCc) {
    byte[] type = new byte[16];
    byte[] chars = fourCc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(chars, 0, type, 0, 4);
    byte[] suffix = HexFormat.of().parseHex("00110010800000aa00389b71");
    System.arraycopy(suffix, 0, type, 4, 12);
    return type;
  }
}
