package io.clipstream.provenance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * JUMBF (ISO/IEC 19566-5) boxes as C2PA uses them: superboxes ({@code jumb}) that start with a
 * description box ({@code jumd}: type UUID, toggles, label) followed by content boxes.
 */
final class Jumbf {

  /** Requestable and labelled: the toggles C2PA requires on every description box. */
  private static final int TOGGLES = 0x03;

  private Jumbf() {}

  /** A superbox with the given type and label holding the given (already boxed) children. */
  static byte[] superbox(byte[] type, String label, byte[]... children) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.writeBytes(description(type, label));
    for (byte[] child : children) {
      payload.writeBytes(child);
    }
    return box("jumb", payload.toByteArray());
  }

  /** A CBOR assertion: a superbox of type cbor holding one {@code cbor} content box. */
  static byte[] cborSuperbox(byte[] type, String label, byte[] cbor) {
    return superbox(type, label, box("cbor", cbor));
  }

  static byte[] box(String type, byte[] payload) {
    ByteBuffer out = ByteBuffer.allocate(8 + payload.length);
    out.putInt(8 + payload.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(payload);
    return out.array();
  }

  private static byte[] description(byte[] type, String label) {
    byte[] name = label.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(16 + 1 + name.length + 1);
    out.put(type).put((byte) TOGGLES).put(name).put((byte) 0);
    return box("jumd", out.array());
  }

  /** A parsed superbox: its type, label, raw bytes (for hashing) and children. */
  record Node(byte[] type, String label, byte[] raw, List<Node> children, List<byte[]> contents) {

    /** The bytes C2PA hashes for a hashed URI: the superbox without its 8-byte header. */
    byte[] payload() {
      return Arrays.copyOfRange(raw, 8, raw.length);
    }

    Optional<Node> child(String wanted) {
      return children.stream().filter(c -> c.label.equals(wanted)).findFirst();
    }

    Optional<Node> childOfType(byte[] wanted) {
      return children.stream().filter(c -> Arrays.equals(c.type, wanted)).findFirst();
    }

    /** The first content box's payload (the CBOR of an assertion, claim or signature). */
    byte[] content() {
      if (contents.isEmpty()) {
        throw new ProvenanceException("the JUMBF box '" + label + "' has no content box");
      }
      return contents.get(0);
    }
  }

  /** Parses one superbox starting at {@code offset} of {@code data}. */
  static Node parse(byte[] data, int offset) {
    ByteBuffer in = ByteBuffer.wrap(data);
    long size = Integer.toUnsignedLong(in.getInt(offset));
    String type = new String(data, offset + 4, 4, StandardCharsets.US_ASCII);
    if (!type.equals("jumb") || size < 8 || offset + size > data.length) {
      throw new ProvenanceException(
          "the manifest store is damaged: expected a JUMBF superbox at byte " + offset);
    }
    int end = (int) (offset + size);
    int pos = offset + 8;
    byte[] jumdType = null;
    String label = "";
    List<Node> children = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    while (pos + 8 <= end) {
      int childSize = in.getInt(pos);
      String childType = new String(data, pos + 4, 4, StandardCharsets.US_ASCII);
      if (childSize < 8 || pos + childSize > end) {
        throw new ProvenanceException("the manifest store is damaged: bad box size at " + pos);
      }
      if (childType.equals("jumd")) {
        jumdType = Arrays.copyOfRange(data, pos + 8, pos + 24);
        int labelStart = pos + 25;
        int labelEnd = labelStart;
        while (labelEnd < pos + childSize && data[labelEnd] != 0) {
          labelEnd++;
        }
        label = new String(data, labelStart, labelEnd - labelStart, StandardCharsets.UTF_8);
      } else if (childType.equals("jumb")) {
        children.add(parse(data, pos));
      } else {
        contents.add(Arrays.copyOfRange(data, pos + 8, pos + childSize));
      }
      pos += childSize;
    }
    if (jumdType == null) {
      throw new ProvenanceException(
          "the manifest store is damaged: a JUMBF superbox has no description box");
    }
    return new Node(
        jumdType, label, Arrays.copyOfRange(data, offset, end), List.copyOf(children), contents);
  }
}
