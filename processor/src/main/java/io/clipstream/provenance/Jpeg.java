package io.clipstream.provenance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JPEG side of C2PA (specification 2.1, section A.3.3): the manifest store travels as a JUMBF
 * box split over APP11 marker segments (ISO 19566-5 JPEG XT boxes), and the data hash covers every
 * byte of the file except those segments.
 */
final class Jpeg {

  private static final int SOI = 0xd8;
  private static final int APP0 = 0xe0;
  private static final int APP11 = 0xeb;
  private static final int SOS = 0xda;

  /** Store bytes per segment; a marker segment holds at most 65533 bytes after its length. */
  private static final int CHUNK = 64_000;

  /** JPEG XT "common identifier" and the box instance number our segments use. */
  private static final byte[] CI = {'J', 'P'};

  private static final byte[] INSTANCE = {0x00, 0x01};

  private Jpeg() {}

  static boolean isJpeg(byte[] head) {
    return head.length >= 3
        && (head[0] & 0xff) == 0xff
        && (head[1] & 0xff) == SOI
        && (head[2] & 0xff) == 0xff;
  }

  /** Where the manifest's segments go: after the APP0 (JFIF) segments, else right after SOI. */
  static int insertionPoint(byte[] jpeg) {
    if (!isJpeg(jpeg)) {
      throw new ProvenanceException("not a JPEG: it does not start with the SOI marker");
    }
    if (manifestRange(jpeg).isPresent()) {
      throw new ProvenanceException("the JPEG already carries a C2PA manifest; sign the original");
    }
    int at = 2;
    while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff && (jpeg[at + 1] & 0xff) == APP0) {
      at += 2 + segmentLength(jpeg, at);
    }
    return at;
  }

  /** {@code jpeg} with {@code segments} inserted at {@code at}. */
  static byte[] embed(byte[] jpeg, int at, byte[] segments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + segments.length);
    out.write(jpeg, 0, at);
    out.writeBytes(segments);
    out.write(jpeg, at, jpeg.length - at);
    return out.toByteArray();
  }

  /** The APP11 segments carrying {@code store}: the JUMBF box's LBox and TBox open each one. */
  static byte[] segments(byte[] store) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int sequence = 1;
    for (int pos = 0; pos < store.length; pos += CHUNK, sequence++) {
      int n = Math.min(CHUNK, store.length - pos);
      boolean first = pos == 0;
      int length = 2 + CI.length + INSTANCE.length + 4 + (first ? 0 : 8) + n;
      ByteBuffer segment = ByteBuffer.allocate(2 + length);
      segment.put((byte) 0xff).put((byte) APP11).putShort((short) length);
      segment.put(CI).put(INSTANCE).putInt(sequence);
      if (!first) {
        segment.put(store, 0, 8);
      }
      segment.put(store, pos, n);
      out.writeBytes(segment.array());
    }
    return out.toByteArray();
  }

  /** The byte range of the C2PA APP11 segments, when the file has them. */
  static Optional<int[]> manifestRange(byte[] jpeg) {
    int pos = 2;
    int start = -1;
    int end = -1;
    while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
      int marker = jpeg[pos + 1] & 0xff;
      if (marker == SOS) {
        break; // entropy-coded data follows: no more metadata segments
      }
      int size = 2 + segmentLength(jpeg, pos);
      if (marker == APP11 && isC2paSegment(jpeg, pos, start >= 0)) {
        if (start < 0) {
          start = pos;
        }
        end = pos + size;
      }
      pos += size;
    }
    return start < 0 ? Optional.empty() : Optional.of(new int[] {start, end - start});
  }

  private static boolean isC2paSegment(byte[] jpeg, int pos, boolean continuation) {
    int content = pos + 4;
    if (content + 8 > jpeg.length || jpeg[content] != 'J' || jpeg[content + 1] != 'P') {
      return false;
    }
    if (continuation) {
      return jpeg[content + 2] == INSTANCE[0] && jpeg[content + 3] == INSTANCE[1];
    }
    // The first segment: after CI, En and Z the store's jumb box, whose description names c2pa.
    return content + 28 <= jpeg.length
        && Arrays.equals(
            Arrays.copyOfRange(jpeg, content + 24, content + 28), new byte[] {'c', '2', 'p', 'a'});
  }

  /** The manifest store carried by the file's C2PA APP11 segments. */
  static Optional<byte[]> store(byte[] jpeg) {
    return manifestRange(jpeg)
        .map(
            range -> {
              ByteArrayOutputStream store = new ByteArrayOutputStream();
              int pos = range[0];
              boolean first = true;
              while (pos < range[0] + range[1]) {
                int size = 2 + segmentLength(jpeg, pos);
                int skip = 4 + 8 + (first ? 0 : 8);
                store.write(jpeg, pos + skip, size - skip);
                pos += size;
                first = false;
              }
              return store.toByteArray();
            });
  }

  /** SHA-256 of every byte outside {@code [start, start + length)}. */
  static byte[] hash(byte[] jpeg, long start, long length) {
    MessageDigest digest = Digest.sha256();
    digest.update(jpeg, 0, (int) start);
    int after = (int) (start + length);
    digest.update(jpeg, after, jpeg.length - after);
    return digest.digest();
  }

  private static int segmentLength(byte[] jpeg, int pos) {
    int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
    if (length < 2 || pos + 2 + length > jpeg.length) {
      throw new ProvenanceException(
          "not a valid JPEG: the segment at byte " + pos + " runs past the file's end");
    }
    return length;
  }
}
