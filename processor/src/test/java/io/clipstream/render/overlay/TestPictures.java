package io.clipstream.render.overlay;

import io.clipstream.image.YuvImage;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/**
 * Synthetic pictures for overlay tests, and a YUV to RGB conversion used only to look at the
 * result.
 */
final class TestPictures {

  static final int GREY_Y = 100;

  private TestPictures() {}

  /** A flat mid-grey picture with tightly packed planes. */
  static YuvImage grey(int width, int height) {
    return YuvImage.allocate(width, height, GREY_Y, 128, 128);
  }

  /**
   * A flat grey picture whose rows are padded to a 64-byte multiple, as decoders do (854 -> 896).
   */
  static YuvImage padded(int width, int height) {
    int yStride = (width + 63) / 64 * 64;
    int cStride = ((width + 1) / 2 + 31) / 32 * 32;
    int ch = (height + 1) / 2;
    return new YuvImage(
        width,
        height,
        filled(yStride * height, GREY_Y),
        yStride,
        filled(cStride * ch, 128),
        cStride,
        filled(cStride * ch, 128),
        cStride);
  }

  private static ByteBuffer filled(int size, int value) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(size);
    for (int i = 0; i < size; i++) {
      buffer.put(i, (byte) value);
    }
    return buffer;
  }

  /**
   * A street-like scene: sky gradient, a darker ground and a few blocks, so overlays are judged on
   * texture.
   */
  static YuvImage scene(int width, int height) {
    YuvImage p = grey(width, height);
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        int luma = row < height * 0.45 ? 150 + 60 * row / height : 70 + (col * 7 + row * 3) % 23;
        if (col > width * 0.55 && col < width * 0.8 && row > height * 0.2 && row < height * 0.6) {
          luma = 120 + ((col / 24 + row / 18) % 2) * 25; // a building with windows
        }
        p.y().put(row * p.yStride() + col, (byte) luma);
      }
    }
    for (int row = 0; row < (height + 1) / 2; row++) {
      for (int col = 0; col < (width + 1) / 2; col++) {
        boolean sky = row * 2 < height * 0.45;
        p.u().put(row * p.uStride() + col, (byte) (sky ? 142 : 124));
        p.v().put(row * p.vStride() + col, (byte) (sky ? 118 : 131));
      }
    }
    return p;
  }

  /** BT.601 limited-range YCbCr to RGB, nearest chroma sample. */
  static BufferedImage toRgb(YuvImage p) {
    BufferedImage image = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < p.height(); row++) {
      for (int col = 0; col < p.width(); col++) {
        double y = 1.164383 * (p.lumaAt(col, row) - 16);
        double cb = p.cbAt(col, row) - 128;
        double cr = p.crAt(col, row) - 128;
        int r = clamp(y + 1.596027 * cr);
        int g = clamp(y - 0.391762 * cb - 0.812968 * cr);
        int b = clamp(y + 2.017232 * cb);
        image.setRGB(col, row, (r << 16) | (g << 8) | b);
      }
    }
    return image;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  /** Copies every plane byte so a test can assert that painting left a picture untouched. */
  static byte[] snapshot(YuvImage p) {
    byte[] all = new byte[p.y().limit() + p.u().limit() + p.v().limit()];
    int offset = 0;
    for (ByteBuffer plane : new ByteBuffer[] {p.y(), p.u(), p.v()}) {
      for (int i = 0; i < plane.limit(); i++) {
        all[offset++] = plane.get(i);
      }
    }
    return all;
  }
}
