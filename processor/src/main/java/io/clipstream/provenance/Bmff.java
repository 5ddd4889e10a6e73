package io.clipstream.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ISO BMFF (MP4) side of C2PA: the top-level boxes of a file, inserting the manifest's {@code
 * uuid} box after {@code ftyp} (moving every chunk offset of {@code stco}/{@code co64} by its size
 * so the sample tables still point at the media), and the BMFF v2/v3 file hash.
 */
final class Bmff {

  /** Top-level boxes the hash leaves out besides the manifest box, as c2pa-rs writes them. */
  static final Set<String> EXCLUDED_TYPES = Set.of("ftyp", "mfra");

  private static final List<String> SAMPLE_TABLE_PATH = List.of("trak", "mdia", "minf", "stbl");

  private Bmff() {}

  /** A top-level box: where it is and what it is. */
  record TopBox(String type, long offset, long size, boolean manifest) {
    long end() {
      return offset + size;
    }
  }

  static List<TopBox> topLevel(FileChannel file) throws IOException {
    List<TopBox> boxes = new ArrayList<>();
    long length = file.size();
    long pos = 0;
    while (pos + 8 <= length) {
      ByteBuffer header = read(file, pos, (int) Math.min(32, length - pos));
      long size = Integer.toUnsignedLong(header.getInt(0));
      String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
      int headerSize = 8;
      if (size == 1) {
        size = header.getLong(8);
        headerSize = 16;
      } else if (size == 0) {
        size = length - pos;
      }
      if (size < headerSize || pos + size > length) {
        throw new ProvenanceException(
            "not a valid MP4: the box '" + type + "' at byte " + pos + " runs past the file's end");
      }
      boolean manifest =
          type.equals("uuid")
              && header.limit() >= headerSize + 16
              && Arrays.equals(
                  Arrays.copyOfRange(header.array(), headerSize, headerSize + 16), C2pa.BMFF_UUID);
      boxes.add(new TopBox(type, pos, size, manifest));
      pos += size;
    }
    return boxes;
  }

  static Optional<TopBox> manifestBox(List<TopBox> boxes) {
    return boxes.stream().filter(TopBox::manifest).findFirst();
  }

  /** The C2PA {@code uuid} box around a manifest store (purpose "manifest", no Merkle data). */
  static byte[] manifestBox(byte[] store) {
    byte[] purpose = "manifest\0".getBytes(StandardCharsets.US_ASCII);
    int size = 8 + 16 + 4 + purpose.length + 8 + store.length;
    return ByteBuffer.allocate(size)
        .putInt(size)
        .put("uuid".getBytes(StandardCharsets.US_ASCII))
        .put(C2pa.BMFF_UUID)
        .putInt(0)
        .put(purpose)
        .putLong(0)
        .put(store)
        .array();
  }

  /** The manifest store inside a C2PA {@code uuid} box's bytes. */
  static byte[] storeOf(byte[] uuidBox) {
    int pos = 8 + 16 + 4;
    while (pos < uuidBox.length && uuidBox[pos] != 0) {
      pos++;
    }
    String purpose = new String(uuidBox, 28, pos - 28, StandardCharsets.US_ASCII);
    if (!purpose.equals("manifest")) {
      throw new ProvenanceException(
          "the C2PA box holds '"
              + purpose
              + "' data, not a manifest; only embedded manifests"
              + " are supported");
    }
    return Arrays.copyOfRange(uuidBox, pos + 1 + 8, uuidBox.length);
  }

  /**
   * Copies {@code in} to {@code out} with {@code uuidBox} inserted right after {@code ftyp}. Every
   * box behind it moves by the box's size, so chunk offsets in {@code moov} are moved too.
   */
  static void insertAfterFtyp(Path in, Path out, byte[] uuidBox) throws IOException {
    try (FileChannel src = FileChannel.open(in, StandardOpenOption.READ);
        FileChannel dst =
            FileChannel.open(
                out,
                StandardOpenOption.WRITE,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
      List<TopBox> boxes = topLevel(src);
      if (boxes.isEmpty() || !boxes.get(0).type().equals("ftyp")) {
        throw new ProvenanceException("not an MP4 clip: " + in + " does not start with 'ftyp'");
      }
      if (manifestBox(boxes).isPresent()) {
        throw new ProvenanceException(in + " already carries a C2PA manifest; sign the original");
      }
      copy(src, boxes.get(0).offset(), boxes.get(0).size(), dst);
      dst.write(ByteBuffer.wrap(uuidBox));
      for (TopBox box : boxes.subList(1, boxes.size())) {
        if (box.type().equals("moov")) {
          ByteBuffer moov = read(src, box.offset(), Math.toIntExact(box.size()));
          shiftChunkOffsets(moov, uuidBox.length);
          dst.write(moov.rewind());
        } else {
          copy(src, box.offset(), box.size(), dst);
        }
      }
    }
  }

  /**
   * The BMFF v2/v3 hash of the file: every top-level box that is not excluded, in file order, as
   * its offset (8 bytes, big-endian) followed by its bytes. Binding each offset stops boxes from
   * being moved around undetected.
   */
  static byte[] hash(Path file) throws IOException {
    MessageDigest digest = Digest.sha256();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      for (TopBox box : topLevel(channel)) {
        if (box.manifest() || EXCLUDED_TYPES.contains(box.type())) {
          continue;
        }
        digest.update(ByteBuffer.allocate(8).putLong(box.offset()).array());
        long pos = box.offset();
        while (pos < box.end()) {
          buffer.clear().limit((int) Math.min(buffer.capacity(), box.end() - pos));
          int n = channel.read(buffer, pos);
          if (n <= 0) {
            throw new IOException("unexpected end of " + file);
          }
          digest.update(buffer.array(), 0, n);
          pos += n;
        }
      }
    }
    return digest.digest();
  }

  private static void shiftChunkOffsets(ByteBuffer moov, int delta) {
    for (int[] trak : children(moov, 8, moov.limit(), "trak")) {
      List<int[]> level = List.of(trak);
      for (String name : SAMPLE_TABLE_PATH.subList(1, SAMPLE_TABLE_PATH.size())) {
        List<int[]> next = new ArrayList<>();
        for (int[] parent : level) {
          next.addAll(children(moov, parent[0] + 8, parent[0] + parent[1], name));
        }
        level = next;
      }
      for (int[] stbl : level) {
        for (int[] stco : children(moov, stbl[0] + 8, stbl[0] + stbl[1], "stco")) {
          int count = moov.getInt(stco[0] + 12);
          for (int i = 0; i < count; i++) {
            int at = stco[0] + 16 + 4 * i;
            long moved = Integer.toUnsignedLong(moov.getInt(at)) + delta;
            if (moved > 0xFFFFFFFFL) {
              throw new ProvenanceException(
                  "the clip's 32-bit chunk offsets cannot move past 4 GiB to make room for the"
                      + " manifest; write clips under 4 GiB");
            }
            moov.putInt(at, (int) moved);
          }
        }
        for (int[] co64 : children(moov, stbl[0] + 8, stbl[0] + stbl[1], "co64")) {
          int count = moov.getInt(co64[0] + 12);
          for (int i = 0; i < count; i++) {
            int at = co64[0] + 16 + 8 * i;
            moov.putLong(at, moov.getLong(at) + delta);
          }
        }
      }
    }
  }

  /** Child boxes of the given type between {@code from} and {@code to}: {offset, size} pairs. */
  private static List<int[]> children(ByteBuffer data, int from, int to, String type) {
    List<int[]> found = new ArrayList<>();
    int pos = from;
    while (pos + 8 <= to) {
      int size = data.getInt(pos);
      if (size < 8 || pos + size > to) {
        throw new ProvenanceException("not a valid MP4: a box inside 'moov' has a bad size");
      }
      String name =
          new String(
              new byte[] {
                data.get(pos + 4), data.get(pos + 5), data.get(pos + 6), data.get(pos + 7)
              },
              StandardCharsets.ISO_8859_1);
      if (name.equals(type)) {
        found.add(new int[] {pos, size});
      }
      pos += size;
    }
    return found;
  }

  static ByteBuffer read(FileChannel file, long pos, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (file.read(buffer, pos + buffer.position()) < 0) {
        throw new IOException("unexpected end of file at byte " + (pos + buffer.position()));
      }
    }
    return buffer.flip();
  }

  private static void copy(FileChannel src, long pos, long size, FileChannel dst)
      throws IOException {
    long done = 0;
    while (done < size) {
      done += src.transferTo(pos + done, size - done, dst);
    }
  }

  static UncheckedIOException unchecked(Path file, IOException e) {
    return new UncheckedIOException("Cannot read or write " + file + ": " + e.getMessage(), e);
  }
}
