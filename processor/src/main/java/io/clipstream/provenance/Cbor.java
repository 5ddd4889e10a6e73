package io.clipstream.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;

/** CBOR encoding of claims and assertions (maps keep their insertion order). */
final class Cbor {

  private static final CBORMapper MAPPER = new CBORMapper();

  private Cbor() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new ProvenanceException("cannot encode " + value + " as CBOR", e);
    }
  }

  static JsonNode read(byte[] cbor) {
    try {
      return MAPPER.readTree(cbor);
    } catch (IOException e) {
      throw new ProvenanceException("the manifest holds malformed CBOR: " + e.getMessage(), e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      if (node == null || !node.isBinary()) {
        throw new ProvenanceException("the manifest holds " + node + " where bytes belong");
      }
      return node.binaryValue();
    } catch (IOException e) {
      throw new ProvenanceException("the manifest holds unreadable bytes", e);
    }
  }
}
