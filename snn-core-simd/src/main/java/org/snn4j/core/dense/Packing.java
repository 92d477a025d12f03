package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;

/**
 * The packed copies {@link EventSum} reads: the forward product's weights, and the weight gradient's source rows
 * with their prefix sums, in column blocks ({@link EventSum#block}, {@link EventSum#forwardBlock}) after {@code
 * packPad} free floats. Block {@code c0} (width {@code w = min(packBlock, out - c0)}) starts at {@code
 * packPad + c0·(packRows + packPrefix)} and holds {@code [packRows][w]}, followed by {@code packPrefix} rows.
 */
final class Packing {
  private Packing() {}

  /**
   * Sets the packed layout for {@code srcRows} rows of {@code src} and, with prefix rows (the weight gradient,
   * {@code prefixRows = srcRows}), as many prefix rows; makes room. Returns whether {@code src} must be packed:
   * false for frozen weights that an earlier forward pass on this workspace packed already.
   */
  static boolean prepare(DenseWorkspace ws, float[] src, int srcRows, int prefixRows) {
    int out = ws.out;
    ws.packedBuffer(Math.addExact(Math.multiplyExact(srcRows + prefixRows, out), ws.packPad));
    ws.packRows = srcRows;
    ws.packBlock =
        prefixRows == 0 ? EventSum.forwardBlock(out, ws.tuning.wideBlocks()) : EventSum.block(out, ws.tuning.wideBlocks());
    ws.packPrefix = prefixRows;
    if (prefixRows == 0 && src == ws.frozenWeights && ws.packedWeights == src) {
      return false;
    }
    ws.packedWeights = null;
    return true;
  }

  /** Records that {@link DenseWorkspace#packed} holds {@code weights}, to be kept if they are frozen. */
  static void packed(DenseWorkspace ws, float[] weights) {
    ws.packedWeights = weights == ws.frozenWeights ? weights : null;
  }

  /** Rows {@code [r0, r1)} of {@code src [packRows][out]} into the packed copy, block after block. */
  static void packRows(float[] src, DenseWorkspace ws, int r0, int r1) {
    int out = ws.out;
    int block = ws.packBlock;
    int total = ws.packRows + ws.packPrefix;
    int pad = ws.packPad;
    float[] packed = ws.packed;
    for (int i = r0; i < r1; i++) {
      for (int c0 = 0; c0 < out; c0 += block) {
        int w = Math.min(block, out - c0);
        System.arraycopy(src, i * out + c0, packed, pad + c0 * total + i * w, w);
      }
    }
  }

  /**
   * The weight gradient's source for samples {@code [b0, b1)} in one pass: each live sample's rows of {@code src}
   * packed as by {@link #packRows}, and its prefix rows {@code P[0] = gu[0]}, {@code P[t] = P[t-1] + gu[t]}, per
   * block. Rows of samples with no live row are left as they are: no term reads them.
   */
  static void packGradient(Kernels kernels, float[] src, DenseWorkspace ws, int b0, int b1) {
    float[] p = ws.packed;
    int out = ws.out;
    int batch = ws.batch;
    int block = ws.packBlock;
    int packRows = ws.packRows;
    int total = packRows + ws.packPrefix;
    for (int b = b0; b < b1; b++) {
      if (!ws.liveSample[b]) {
        continue;
      }
      for (int c0 = 0; c0 < out; c0 += block) {
        int w = Math.min(block, out - c0);
        int base = ws.packPad + c0 * total;
        int pre = base + packRows * w;
        for (int t = 0; t < ws.timesteps; t++) {
          int r = t * batch + b;
          int row = r * w;
          System.arraycopy(src, r * out + c0, p, base + row, w);
          if (t == 0) {
            System.arraycopy(src, r * out + c0, p, pre + row, w);
          } else {
            System.arraycopy(p, pre + row - batch * w, p, pre + row, w);
            kernels.add(p, base + row, p, pre + row, w);
          }
        }
      }
    }
  }

  /**
   * The bias gradient from the packed prefix rows: {@code dB[c] = Σ_b P_b[T-1][c]}, over the live samples in
   * ascending order (each sample's steps summed first, in step order).
   */
  static void biasFromPrefix(Kernels kernels, DenseWorkspace ws, float[] dB) {
    int rows = ws.rows;
    int out = ws.out;
    float[] p = ws.packed;
    int block = ws.packBlock;
    int lastStep = (ws.timesteps - 1) * ws.batch;
    for (int c0 = 0; c0 < out; c0 += block) {
      int w = Math.min(block, out - c0);
      int pre = ws.packPad + c0 * 2 * rows + rows * w;
      Arrays.fill(dB, c0, c0 + w, 0f);
      for (int b = 0; b < ws.batch; b++) {
        if (ws.liveSample[b]) {
          kernels.add(p, pre + (lastStep + b) * w, dB, c0, w);
        }
      }
    }
  }
}
