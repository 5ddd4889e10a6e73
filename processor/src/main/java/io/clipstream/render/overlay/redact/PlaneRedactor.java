package io.clipstream.render.overlay.redact;

import io.clipstream.image.YuvImage;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Overwrites the pixels of a {@link RegionMask} in all three planes of a YUV 4:2:0 picture. Each
 * plane is handled on its own grid: the luma grid has blocks of {@code block} pixels, the chroma
 * grids of {@code block / 2} (the block is even and the region's corners are even, so a chroma
 * block covers exactly the luma block's area).
 *
 * <p>Not thread-safe: scratch arrays are reused between calls.
 */
final class PlaneRedactor {

  /** Black in limited-range BT.601/709 YUV: what {@link RedactionMethod#FILL} writes. */
  static final int FILL_LUMA = 16;

  static final int FILL_CHROMA = 128;

  private final int[][] spans = {new int[16]};
  private long[] sums = new long[64];
  private int[] counts = new int[64];
  private int[] means = new int[64];
  private int[] colBlock = new int[256];
  private int[] colNext = new int[256];
  private int[] colWeight = new int[256];
  private int[] rowMeans = new int[64];
  private byte[] line = new byte[256];

  void fill(YuvImage p, RegionMask m) {
    fillPlane(p.y(), p.yStride(), m, 1, FILL_LUMA);
    fillPlane(p.u(), p.uStride(), m, 2, FILL_CHROMA);
    fillPlane(p.v(), p.vStride(), m, 2, FILL_CHROMA);
  }

  /**
   * Replaces every block by its mean ({@code smooth} false) or by the bilinear interpolation of the
   * block means between block centres ({@code smooth} true).
   */
  void pixelate(YuvImage p, RegionMask m, int block, boolean smooth) {
    blockPlane(p.y(), p.yStride(), m, 1, block, smooth);
    blockPlane(p.u(), p.uStride(), m, 2, block / 2, smooth);
    blockPlane(p.v(), p.vStride(), m, 2, block / 2, smooth);
  }

  private void fillPlane(ByteBuffer plane, int stride, RegionMask m, int scale, int value) {
    byte b = (byte) value;
    for (int row = m.y0 / scale; row < m.y1 / scale; row++) {
      int n = m.spans(row * scale, spans);
      int base = row * stride;
      for (int s = 0; s < n; s++) {
        int end = spans[0][2 * s + 1] / scale;
        for (int x = spans[0][2 * s] / scale; x < end; x++) {
          plane.put(base + x, b);
        }
      }
    }
  }

  private void blockPlane(
      ByteBuffer plane, int stride, RegionMask m, int scale, int block, boolean smooth) {
    int px0 = m.x0 / scale;
    int py0 = m.y0 / scale;
    int pw = m.width() / scale;
    int ph = m.height() / scale;
    int nbx = (pw + block - 1) / block;
    int nby = (ph + block - 1) / block;
    prepare(nbx * nby, pw);
    // Pass 1: the sum of every block over the covered pixels. Rows are copied in bulk: per-byte
    // buffer access costs several times more than array access.
    long total = 0;
    int covered = 0;
    for (int r = 0; r < ph; r++) {
      int row = py0 + r;
      int n = m.spans(row * scale, spans);
      int blockRow = (r / block) * nbx;
      for (int s = 0; s < n; s++) {
        int from = spans[0][2 * s] / scale;
        int len = (spans[0][2 * s + 1] + scale - 1) / scale - from;
        plane.get(row * stride + from, line, 0, len);
        int c0 = from - px0;
        // Block by block with a local sum: adding every pixel into sums[i] directly would chain
        // each addition to the previous one through memory.
        for (int k = 0; k < len; ) {
          int c = c0 + k;
          int end = Math.min(len, (c / block + 1) * block - c0);
          int sum = 0;
          for (int j = k; j < end; j++) {
            sum += line[j] & 0xFF;
          }
          int i = blockRow + c / block;
          sums[i] += sum;
          counts[i] += end - k;
          total += sum;
          k = end;
        }
        covered += len;
      }
    }
    if (covered == 0) {
      return;
    }
    int overall = (int) ((total + covered / 2) / covered);
    for (int i = 0; i < nbx * nby; i++) {
      // A block no covered pixel falls in (polygon corners) only feeds interpolation: give it the
      // region's mean rather than a value from outside the region.
      means[i] = counts[i] == 0 ? overall : (int) ((sums[i] + counts[i] / 2) / counts[i]);
    }
    if (smooth) {
      weights(pw, block, nbx);
    }
    // Pass 2: write block values.
    for (int r = 0; r < ph; r++) {
      int row = py0 + r;
      int n = m.spans(row * scale, spans);
      if (smooth) {
        // Separable: interpolate the block means down to this row once, then along it.
        int[] bw = axis(r, block, nby);
        int top = bw[0] * nbx;
        int bottom = bw[1] * nbx;
        int wy = bw[2];
        for (int b = 0; b < nbx; b++) {
          rowMeans[b] = means[top + b] * (256 - wy) + means[bottom + b] * wy;
        }
      }
      int blockRow = (r / block) * nbx;
      for (int s = 0; s < n; s++) {
        int from = spans[0][2 * s] / scale;
        int len = (spans[0][2 * s + 1] + scale - 1) / scale - from;
        int c0 = from - px0;
        if (smooth) {
          for (int k = 0; k < len; k++) {
            int c = c0 + k;
            int wx = colWeight[c];
            line[k] =
                (byte)
                    ((rowMeans[colBlock[c]] * (256 - wx) + rowMeans[colNext[c]] * wx + 32768)
                        >> 16);
          }
        } else {
          for (int k = 0; k < len; ) {
            int c = c0 + k;
            int end = Math.min(len, (c / block + 1) * block - c0);
            Arrays.fill(line, k, end, (byte) means[blockRow + c / block]);
            k = end;
          }
        }
        plane.put(row * stride + from, line, 0, len);
      }
    }
  }

  /** Per column: the block centre at or left of the pixel, the next one, and the weight (0-256). */
  private void weights(int pw, int block, int nbx) {
    for (int c = 0; c < pw; c++) {
      int[] bw = axis(c, block, nbx);
      colBlock[c] = bw[0];
      colNext[c] = bw[1];
      colWeight[c] = bw[2];
    }
  }

  private final int[] axisScratch = new int[3];

  /**
   * Position {@code i} (pixel index in the region) between block centres {@code (b + 0.5) * block}:
   * the two block indices and the weight of the second, clamped at the edges.
   */
  private int[] axis(int i, int block, int blocks) {
    // In units of 1/512 of a block: centre of pixel i is (2i + 1) / 2.
    long pos = ((2L * i + 1) * 256) / block - 256; // (i + 0.5) / block - 0.5, in 1/256
    int b0;
    int weight;
    if (pos <= 0) {
      b0 = 0;
      weight = 0;
    } else {
      b0 = (int) (pos >> 8);
      weight = (int) (pos & 0xFF);
    }
    int b1 = b0 + 1;
    if (b1 >= blocks) {
      b0 = blocks - 1;
      b1 = blocks - 1;
      weight = 0;
    }
    axisScratch[0] = b0;
    axisScratch[1] = b1;
    axisScratch[2] = weight;
    return axisScratch;
  }

  private void prepare(int blocks, int columns) {
    if (sums.length < blocks) {
      int size = Math.max(blocks, sums.length * 2);
      sums = new long[size];
      counts = new int[size];
      means = new int[size];
    } else {
      Arrays.fill(sums, 0, blocks, 0);
      Arrays.fill(counts, 0, blocks, 0);
    }
    if (colBlock.length < columns) {
      int size = Math.max(columns, colBlock.length * 2);
      colBlock = new int[size];
      colNext = new int[size];
      colWeight = new int[size];
      line = new byte[size];
    }
    if (rowMeans.length < blocks) {
      rowMeans = new int[Math.max(blocks, rowMeans.length * 2)];
    }
  }
}
