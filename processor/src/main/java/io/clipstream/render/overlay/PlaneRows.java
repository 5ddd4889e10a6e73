package io.clipstream.render.overlay;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Row operations on one plane. Long spans are copied into a scratch array in bulk, changed there
 * and copied back: bulk copies are memcpy for the direct buffers decoders hand out, and the loop in
 * between runs on a plain array, which the JIT compiles far better than per-byte buffer calls.
 * Short spans (outline sides) go byte by byte, where the fixed cost of a bulk copy would dominate.
 *
 * <p>Alpha is an integer in [0, 256] (256 = opaque) so blending is a multiply and a shift.
 */
final class PlaneRows {

  private static final int BULK_SPAN = 24;

  private byte[] scratch = new byte[256];

  /** Sets {@code length} bytes from {@code index} to the value. */
  void fill(ByteBuffer plane, int index, int length, int value) {
    if (length < BULK_SPAN) {
      fillShort(plane, index, length, value);
      return;
    }
    byte[] row = scratch(length);
    Arrays.fill(row, 0, length, (byte) value);
    plane.put(index, row, 0, length);
  }

  /**
   * Outline sides are 1-6 bytes wide: written as a long/int/short/byte each (all bytes are equal,
   * so byte order does not matter), one call per row instead of one per pixel.
   */
  private static void fillShort(ByteBuffer plane, int index, int length, int value) {
    int b = value & 0xFF;
    int i = index;
    int end = index + length;
    if (end - i >= 8) {
      long pattern = b * 0x0101010101010101L;
      for (; end - i >= 8; i += 8) {
        plane.putLong(i, pattern);
      }
    }
    if (end - i >= 4) {
      plane.putInt(i, b * 0x01010101);
      i += 4;
    }
    if (end - i >= 2) {
      plane.putShort(i, (short) (b * 0x0101));
      i += 2;
    }
    if (i < end) {
      plane.put(i, (byte) b);
    }
  }

  /** Blends {@code length} bytes from {@code index} towards the value with one alpha. */
  void blend(ByteBuffer plane, int index, int length, int value, int alpha) {
    if (length < BULK_SPAN) {
      for (int i = 0; i < length; i++) {
        int d = plane.get(index + i) & 0xFF;
        plane.put(index + i, (byte) (d + (((value - d) * alpha + 128) >> 8)));
      }
      return;
    }
    byte[] row = scratch(length);
    plane.get(index, row, 0, length);
    for (int i = 0; i < length; i++) {
      int d = row[i] & 0xFF;
      row[i] = (byte) (d + (((value - d) * alpha + 128) >> 8));
    }
    plane.put(index, row, 0, length);
  }

  /**
   * Blends towards the value with per-pixel coverage {@code mask[maskIndex + i]} (0..255) times
   * alpha; pixels with zero coverage are left as they are.
   */
  void blendMasked(
      ByteBuffer plane, int index, int length, int value, byte[] mask, int maskIndex, int alpha) {
    byte[] row = scratch(length);
    plane.get(index, row, 0, length);
    for (int i = 0; i < length; i++) {
      int m = mask[maskIndex + i] & 0xFF;
      if (m != 0) { // text masks are mostly empty: skipping is cheaper than blending by zero
        int a =
            ((m + (m >> 7)) * alpha) >> 8; // 255 -> 256, so full coverage at full alpha is opaque
        int d = row[i] & 0xFF;
        row[i] = (byte) (d + (((value - d) * a + 128) >> 8));
      }
    }
    plane.put(index, row, 0, length);
  }

  private byte[] scratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)]; // grows to the picture width once
    }
    return scratch;
  }
}
