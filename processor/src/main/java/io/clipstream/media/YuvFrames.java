package io.clipstream.media;

import io.clipstream.image.YuvImage;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Plane-level helpers for I420 pictures: views over native frames and stride-aware copies.
 *
 * <p>Why this exists: JavaCV describes a YUV frame by the Y plane only (its buffer limit and
 * stride), and decoders pad rows to 64 bytes, so an 854-wide picture has an 896-byte luma stride
 * and 448-byte chroma strides. Everything here takes each plane's own stride from the AVFrame
 * instead of guessing.
 */
public final class YuvFrames {

  private YuvFrames() {}

  /** A writable view over the three planes of a native YUV420P frame (no copy). */
  public static YuvImage view(AVFrame frame, int width, int height) {
    int chromaRows = (height + 1) / 2;
    return new YuvImage(
        width,
        height,
        plane(frame.data(0), frame.linesize(0), height),
        frame.linesize(0),
        plane(frame.data(1), frame.linesize(1), chromaRows),
        frame.linesize(1),
        plane(frame.data(2), frame.linesize(2), chromaRows),
        frame.linesize(2));
  }

  private static ByteBuffer plane(BytePointer data, int stride, int rows) {
    return data.capacity((long) stride * rows).asByteBuffer();
  }

  /**
   * A tightly packed picture (stride = width) in one direct buffer laid out Y, U, V, which is
   * exactly what FFmpeg's {@code av_image_fill_arrays(..., align 1)} expects, so an encoder can
   * read it without a copy.
   */
  public static Packed allocatePacked(int width, int height) {
    return packed(width, height, ByteBuffer.allocateDirect(packedBytes(width, height)));
  }

  /**
   * As {@link #allocatePacked} but on the Java heap: for pictures only Java code reads, whose
   * memory then counts against (and is bounded by) the heap and is freed by the collector like any
   * object.
   */
  public static Packed allocatePackedOnHeap(int width, int height) {
    return packed(width, height, ByteBuffer.allocate(packedBytes(width, height)));
  }

  /** Bytes of a packed I420 picture of this size. */
  public static int packedBytes(int width, int height) {
    return width * height + 2 * ((width + 1) / 2) * ((height + 1) / 2);
  }

  private static Packed packed(int width, int height, ByteBuffer all) {
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    int lumaSize = width * height;
    int chromaSize = cw * ch;
    YuvImage image =
        new YuvImage(
            width,
            height,
            all.slice(0, lumaSize),
            width,
            all.slice(lumaSize, chromaSize),
            cw,
            all.slice(lumaSize + chromaSize, chromaSize),
            cw);
    return new Packed(image, all);
  }

  /** A packed picture and the single buffer holding its three planes. */
  public record Packed(YuvImage image, ByteBuffer buffer) {}

  /**
   * Copies {@code src} into {@code dst} plane by plane, row by row, honouring both strides. Copies
   * the top-left region both pictures share (an odd source dimension is cropped to the even output
   * size).
   */
  public static void copy(YuvImage src, YuvImage dst) {
    int width = Math.min(src.width(), dst.width());
    int height = Math.min(src.height(), dst.height());
    copyPlane(src.y(), src.yStride(), dst.y(), dst.yStride(), width, height);
    int cw = (width + 1) / 2;
    int ch = (height + 1) / 2;
    copyPlane(src.u(), src.uStride(), dst.u(), dst.uStride(), cw, ch);
    copyPlane(src.v(), src.vStride(), dst.v(), dst.vStride(), cw, ch);
  }

  private static void copyPlane(
      ByteBuffer src, int srcStride, ByteBuffer dst, int dstStride, int width, int rows) {
    if (srcStride == dstStride && srcStride == width) {
      dst.put(0, src, 0, width * rows);
      return;
    }
    for (int row = 0; row < rows; row++) {
      dst.put(row * dstStride, src, row * srcStride, width);
    }
  }
}
