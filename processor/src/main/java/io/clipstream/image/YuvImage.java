package io.clipstream.image;

import java.nio.ByteBuffer;

/**
 * A writable YUV 4:2:0 planar picture (I420): full-resolution luma and half-resolution chroma
 * planes, each with its own row stride (decoders pad rows, e.g. an 854-wide frame has a 896-byte
 * stride).
 *
 * <p>The buffers are views over decoder memory: drawing writes straight into the frame that is then
 * encoded, with no RGB round trip. Positions are absolute ({@code get(int)}/{@code put(int,
 * byte)}).
 */
public record YuvImage(
    int width,
    int height,
    ByteBuffer y,
    int yStride,
    ByteBuffer u,
    int uStride,
    ByteBuffer v,
    int vStride) {

  public YuvImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "Picture size must be positive, got " + width + "x" + height);
    }
    if (yStride < width || uStride < (width + 1) / 2 || vStride < (width + 1) / 2) {
      throw new IllegalArgumentException(
          "Plane strides "
              + yStride
              + "/"
              + uStride
              + "/"
              + vStride
              + " are smaller than the width "
              + width
              + " needs");
    }
  }

  /** A picture with tightly packed planes in fresh heap buffers, filled with the given colour. */
  public static YuvImage allocate(int width, int height, int luma, int cb, int cr) {
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    ByteBuffer y = filled(width * height, luma);
    ByteBuffer u = filled(cw * ch, cb);
    ByteBuffer v = filled(cw * ch, cr);
    return new YuvImage(width, height, y, width, u, cw, v, cw);
  }

  private static ByteBuffer filled(int size, int value) {
    ByteBuffer buffer = ByteBuffer.allocate(size);
    for (int i = 0; i < size; i++) {
      buffer.put(i, (byte) value);
    }
    return buffer;
  }

  public int lumaAt(int x, int yPos) {
    return y.get(yPos * yStride + x) & 0xFF;
  }

  public int cbAt(int x, int yPos) {
    return u.get((yPos / 2) * uStride + x / 2) & 0xFF;
  }

  public int crAt(int x, int yPos) {
    return v.get((yPos / 2) * vStride + x / 2) & 0xFF;
  }
}
