package org.snn4j.core.net;

import org.snn4j.core.kernel.Kernels;

/**
 * The event-driven sums of {@link SpikeProducts}, over the term lists it builds: each output row is a start value
 * plus the selected rows of a source, minus other selected rows ({@link Kernels#sumSelectedRows}).
 *
 * <p>Strategy: the source is first copied by column blocks of {@value #COLUMN_BLOCK} (see {@code SpikeProducts.pack})
 * so that the rows of one block are contiguous 512-byte runs the hardware prefetcher follows (rows 3 KB apart defeat
 * it and the sum becomes bound by L2 latency); a block of the 784 × 800 weights is 400 KB and stays in L2 while
 * every list adds its rows from it. Tiling the rows further for L1 was measured (ProductBenchmark) and did not pay:
 * at the input's densities each tile holds too few events per list to amortise loading the accumulators.
 */
final class EventSum {
  /** Columns per block: 8 vectors of 16 floats, the vector kernel's widest register block. */
  static final int COLUMN_BLOCK = 128;

  private EventSum() {}


  /**
   * Forward currents of samples {@code [b0, b1)}, every step in order, each row from the start its mode names: the
   * bias, the same sample's previous row, or the sample's base row (computed first, per column block).
   */
  static void forward(
      Kernels kernels, float[] packedW, int in, int out, float[] bias, SpikeProducts.Workspace ws, int b0, int b1,
      float[] u) {
    int batch = ws.batch;
    for (int c0 = 0; c0 < out; c0 += COLUMN_BLOCK) {
      int w = Math.min(COLUMN_BLOCK, out - c0);
      int base = c0 * in;
      for (int b = b0; b < b1; b++) {
        int baseRow = b * out + c0;
        if (ws.hasBase[b]) {
          System.arraycopy(bias, c0, ws.baseRows, baseRow, w);
          kernels.sumSelectedRows(packedW, base, w, ws.baseIdx, b * in, ws.baseEnd[b], 0, 0, ws.baseRows, baseRow, 0, w);
        }
        for (int t = 0; t < ws.timesteps; t++) {
          int r = t * batch + b;
          int dst = r * out + c0;
          switch (ws.fMode[r]) {
            case SpikeProducts.FROM_PREVIOUS -> System.arraycopy(u, dst - batch * out, u, dst, w);
            case SpikeProducts.FROM_BASE -> System.arraycopy(ws.baseRows, baseRow, u, dst, w);
            default -> System.arraycopy(bias, c0, u, dst, w);
          }
          kernels.sumSelectedRows(packedW, base, w, ws.fIdx, r * in, ws.fAdd[r], ws.fAdd[r], ws.fEnd[r], u, dst, 0, w);
        }
      }
    }
  }

  /** Weight-gradient rows of inputs {@code [i0, i1)}, into {@code dW} (zeroed by the caller). */
  static void gradient(
      Kernels kernels, float[] src, int rows, int out, SpikeProducts.Workspace ws, int i0, int i1, float[] dW) {
    int total = 2 * rows;
    for (int c0 = 0; c0 < out; c0 += COLUMN_BLOCK) {
      int w = Math.min(COLUMN_BLOCK, out - c0);
      int base = c0 * total;
      for (int i = i0; i < i1; i++) {
        int from = i * rows;
        int to = from + rows;
        if (ws.gAdd[i] > from || ws.gSub[i] < to) {
          kernels.sumSelectedRows(src, base, w, ws.gIdx, from, ws.gAdd[i], ws.gSub[i], to, dW, i * out + c0, 0, w);
        }
      }
    }
  }
}
