package org.snn4j.core.net;

import org.snn4j.core.kernel.Kernels;

/**
 * The event-driven product of a spiking layer: for each list {@code l},
 *
 * <pre>
 *   dst[l·cols + j] += Σ_{k in [start[l], end[l])} src[idx[k]·cols + j]        (idx ascending within a list)
 * </pre>
 *
 * In the forward pass a list is a row's active inputs and {@code src} the weights; for the weight gradient a list is
 * an input's spiking rows and {@code src} the membrane gradients.
 *
 * <p>Strategy: {@code src} is first packed by column blocks of {@value #COLUMN_BLOCK} ({@link #pack}), so that the
 * rows of one block are contiguous 512-byte runs the hardware prefetcher follows (rows 3 KB apart defeat it and the
 * sum becomes bound by L2 latency); a block of the 784 × 800 weights is 400 KB and stays in L2 while every list
 * adds its rows from it. Tiling the rows further for L1 was measured (ProductBenchmark) and did not pay: at the
 * input's densities each tile holds too few events per list to amortise loading the accumulators. Each element
 * receives its rows in ascending order, so the result is bit-identical to the scalar twin and to the dense path.
 */
final class EventSum {
  /** Columns per block: 8 vectors of 16 floats, the vector kernel's widest register block. */
  static final int COLUMN_BLOCK = 128;

  private EventSum() {}

  /** Floats {@link #pack} needs; 0 when {@code cols} fits one block and {@code src} is used as it is. */
  static int packedSize(int srcRows, int cols) {
    return cols <= COLUMN_BLOCK ? 0 : Math.multiplyExact(srcRows, cols);
  }

  /**
   * Copies {@code src [srcRows][cols]} to {@code packed} block after block: block {@code c0} (width {@code w =
   * min(COLUMN_BLOCK, cols - c0)}) starts at {@code c0·srcRows} and holds {@code [srcRows][w]}. Rows {@code [rowFrom,
   * rowTo)} only, so callers can split the copy.
   */
  static void pack(float[] src, int srcRows, int cols, float[] packed, int rowFrom, int rowTo) {
    for (int c0 = 0; c0 < cols; c0 += COLUMN_BLOCK) {
      int w = Math.min(COLUMN_BLOCK, cols - c0);
      int base = c0 * srcRows;
      for (int i = rowFrom; i < rowTo; i++) {
        System.arraycopy(src, i * cols + c0, packed, base + i * w, w);
      }
    }
  }

  /**
   * Adds the selected rows for lists {@code [listFrom, listTo)}.
   *
   * @param packed {@code src} after {@link #pack}, or {@code src} itself when {@link #packedSize} is 0
   */
  static void run(
      Kernels kernels, float[] packed, int srcRows, int cols, int[] idx, int[] start, int[] end, int listFrom,
      int listTo, float[] dst) {
    for (int c0 = 0; c0 < cols; c0 += COLUMN_BLOCK) {
      int w = Math.min(COLUMN_BLOCK, cols - c0);
      int base = c0 * srcRows;
      for (int l = listFrom; l < listTo; l++) {
        if (end[l] > start[l]) {
          kernels.addSelectedRows(packed, base, w, idx, start[l], end[l], dst, l * cols + c0, 0, w);
        }
      }
    }
  }
}
