package io.clipstream.render.overlay;

import io.clipstream.image.YuvImage;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The drawing primitives on the planes of one {@link YuvImage}: clipped rectangles and coverage
 * masks, in picture pixels. All drawing funnels through here, so clipping is decided in one place
 * and nothing can write outside a plane.
 *
 * <p>Chroma is 2x2 subsampled: a rectangle writes every chroma sample whose 2x2 luma block it
 * touches, so a 1-pixel line at an odd coordinate still gets its colour (as ffmpeg's drawbox does).
 * Masks (text, the marker dot) blend chroma with the mean coverage of each block, which keeps
 * anti-aliased edges clean. Not thread-safe: one canvas per painter.
 */
final class YuvCanvas {

  static final int OPAQUE = 256;

  private final PlaneRows rows = new PlaneRows();
  private final ByteBuffer[] planes = new ByteBuffer[3];
  private final int[] strides = new int[3];
  private byte[] chromaCoverage = new byte[128];
  private int[] chromaSums = new int[128];
  private int width;
  private int height;

  /** Points the canvas at the picture drawn next (no copy). */
  void target(YuvImage picture) {
    planes[0] = picture.y();
    planes[1] = picture.u();
    planes[2] = picture.v();
    strides[0] = picture.yStride();
    strides[1] = picture.uStride();
    strides[2] = picture.vStride();
    width = picture.width();
    height = picture.height();
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** Fills [x0, x1) x [y0, y1), clipped to the picture, with a colour at alpha in [0, 256]. */
  void fillRect(int x0, int y0, int x1, int y1, int color, int alpha) {
    int left = Math.max(0, x0);
    int top = Math.max(0, y0);
    int right = Math.min(width, x1);
    int bottom = Math.min(height, y1);
    if (left >= right || top >= bottom || alpha <= 0) {
      return;
    }
    fillPlane(0, left, top, right, bottom, ColorMatrix.luma(color), alpha);
    int cl = left >> 1;
    int ct = top >> 1;
    int cr = ((right - 1) >> 1) + 1;
    int cbottom = ((bottom - 1) >> 1) + 1;
    fillPlane(1, cl, ct, cr, cbottom, ColorMatrix.cb(color), alpha);
    fillPlane(2, cl, ct, cr, cbottom, ColorMatrix.cr(color), alpha);
  }

  /**
   * A rectangle outline of {@code t} pixels drawn inside [x0, x1) x [y0, y1), opaque. The left and
   * right sides are written in the same row pass: both ends of a row share a memory page.
   */
  void outline(int x0, int y0, int x1, int y1, int t, int color) {
    fillRect(x0, y0, x1, y0 + t, color, OPAQUE);
    fillRect(x0, y1 - t, x1, y1, color, OPAQUE);
    int top = Math.max(0, y0 + t);
    int bottom = Math.min(height, y1 - t);
    if (top >= bottom) {
      return;
    }
    sides(0, top, bottom, x0, x0 + t, x1 - t, x1, ColorMatrix.luma(color));
    // Chroma rows already written by the top and bottom strokes are skipped; sides cover the rest.
    int ct = (top >> 1) + ((top & 1) == 1 && y0 + t > 0 ? 1 : 0);
    int cb = ((bottom - 1) >> 1) + 1 - ((bottom & 1) == 1 && y1 - t < height ? 1 : 0);
    int cx0 = x0 >> 1;
    int cx1 = ((x0 + t - 1) >> 1) + 1;
    int cx2 = (x1 - t) >> 1;
    int cx3 = ((x1 - 1) >> 1) + 1;
    sides(1, ct, cb, cx0, cx1, cx2, cx3, ColorMatrix.cb(color));
    sides(2, ct, cb, cx0, cx1, cx2, cx3, ColorMatrix.cr(color));
  }

  /**
   * Rows [top, bottom) of plane p: fills [a0, a1) and [b0, b1), each clipped to the plane's width.
   */
  private void sides(int p, int top, int bottom, int a0, int a1, int b0, int b1, int value) {
    int planeWidth = p == 0 ? width : (width + 1) >> 1;
    int la = Math.max(0, a0);
    int ra = Math.min(planeWidth, a1);
    int lb = Math.max(Math.max(0, b0), ra); // never write a byte twice when the sides meet
    int rb = Math.min(planeWidth, b1);
    for (int row = top; row < bottom; row++) {
      int base = row * strides[p];
      if (la < ra) {
        rows.fill(planes[p], base + la, ra - la, value);
      }
      if (lb < rb) {
        rows.fill(planes[p], base + lb, rb - lb, value);
      }
    }
  }

  private void fillPlane(int p, int left, int top, int right, int bottom, int value, int alpha) {
    for (int row = top; row < bottom; row++) {
      int index = row * strides[p] + left;
      if (alpha >= OPAQUE) {
        rows.fill(planes[p], index, right - left, value);
      } else {
        rows.blend(planes[p], index, right - left, value, alpha);
      }
    }
  }

  /**
   * Blends a coverage mask (one byte per pixel, 0 = transparent, 255 = full; rows of {@code
   * maskStride} bytes, {@code mw x mh} used) whose top-left corner lands at (dx, dy), clipped to
   * the picture.
   */
  void blendMask(
      byte[] mask, int maskStride, int mw, int mh, int dx, int dy, int color, int alpha) {
    int left = Math.max(0, dx);
    int top = Math.max(0, dy);
    int right = Math.min(width, dx + mw);
    int bottom = Math.min(height, dy + mh);
    if (left >= right || top >= bottom || alpha <= 0) {
      return;
    }
    for (int row = top; row < bottom; row++) {
      rows.blendMasked(
          planes[0],
          row * strides[0] + left,
          right - left,
          ColorMatrix.luma(color),
          mask,
          (row - dy) * maskStride + left - dx,
          alpha);
    }
    int cl = left >> 1;
    int cw = ((right - 1) >> 1) + 1 - cl;
    byte[] coverage = chromaCoverage(cw);
    for (int cy = top >> 1; cy <= (bottom - 1) >> 1; cy++) {
      averageBlock(
          mask,
          maskStride,
          dx,
          dy,
          left,
          right,
          Math.max(top, cy * 2),
          Math.min(bottom, cy * 2 + 2),
          cl,
          cw,
          coverage);
      rows.blendMasked(
          planes[1], cy * strides[1] + cl, cw, ColorMatrix.cb(color), coverage, 0, alpha);
      rows.blendMasked(
          planes[2], cy * strides[2] + cl, cw, ColorMatrix.cr(color), coverage, 0, alpha);
    }
  }

  /** Mean coverage of the (up to) 2x2 luma pixels under each chroma sample of one chroma row. */
  private void averageBlock(
      byte[] mask,
      int maskStride,
      int dx,
      int dy,
      int left,
      int right,
      int rowFrom,
      int rowTo,
      int cl,
      int cw,
      byte[] coverage) {
    int[] sums = chromaSums;
    Arrays.fill(sums, 0, cw, 0);
    for (int row = rowFrom; row < rowTo; row++) {
      int base = (row - dy) * maskStride - dx;
      for (int col = left; col < right; col++) {
        sums[(col >> 1) - cl] += mask[base + col] & 0xFF;
      }
    }
    for (int i = 0; i < cw; i++) {
      coverage[i] = (byte) (sums[i] >> 2);
    }
  }

  private byte[] chromaCoverage(int length) {
    if (chromaCoverage.length < length) {
      chromaCoverage = new byte[Math.max(length, chromaCoverage.length * 2)];
      chromaSums = new int[chromaCoverage.length];
    }
    return chromaCoverage;
  }
}
