package io.clipstream.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The Confluent wire format: one magic byte {@code 0}, the schema id as a 4-byte big-endian int,
 * then the Avro binary encoding of the record (no Avro container header).
 *
 * <p>Reading checks the header and, when it is not there, says what the bytes look like instead,
 * because the usual cause is a topic written by a different kind of producer.
 */
public final class WireFormat {

  /** The first byte of every record in the Confluent wire format. */
  public static final byte MAGIC_BYTE = 0x0;

  /** Magic byte plus schema id. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** Writes the 5-byte header for {@code schemaId}. */
  public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /**
   * The schema id of a record in the wire format.
   *
   * @throws IllegalArgumentException explaining what is wrong with the bytes and what they look
   *     like
   */
  public static int schemaId(byte[] data) {
    String problem = problem(data);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }

  /** Null when {@code data} starts with a valid header, otherwise what is wrong with it. */
  static String problem(byte[] data) {
    if (data.length == 0) {
      return "the record is empty (0 bytes), so it has no Confluent wire-format header; a deletion (tombstone) "
          + "is a null value, not an empty one: check the producer";
    }
    if (data[0] != MAGIC_BYTE) {
      return "not Confluent wire format: first byte was "
          + hex(data[0])
          + " where 0x00 was expected"
          + lookalike(data)
          + ". Was this topic written by a producer that does not use the Confluent Avro serializer?";
    }
    if (data.length < HEADER_LENGTH) {
      return "the record is "
          + data.length
          + " bytes long, shorter than the 5-byte Confluent wire-format header "
          + "(magic byte and schema id): it was truncated or written by a different serializer";
    }
    return null;
  }

  private static String lookalike(byte[] data) {
    char first = (char) (data[0] & 0xff);
    if (first == '{' || first == '[') {
      return ", which looks like JSON (" + preview(data) + ")";
    }
    if (isPrintable(data)) {
      return ", which looks like text (" + preview(data) + "), as a StringSerializer writes";
    }
    return "";
  }

  private static boolean isPrintable(byte[] data) {
    int n = Math.min(data.length, 32);
    for (int i = 0; i < n; i++) {
      int b = data[i] & 0xff;
      if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String preview(byte[] data) {
    String text = new String(data, 0, Math.min(data.length, 40), StandardCharsets.UTF_8);
    return "\"" + text.replaceAll("\\s+", " ") + (data.length > 40 ? "..." : "") + "\"";
  }

  private static String hex(byte b) {
    return String.format("0x%02X", b & 0xff);
  }
}
