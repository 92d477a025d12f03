package org.snn4j.core.net;

import org.snn4j.core.kernel.Kernels;

/**
 * The event-driven product of a spiking layer, cache-blocked: for each list {@code l},
 *
 * <pre>
 *   dst[l·cols + j] += Σ_{k in [start[l], end[l])} src[idx[k]·cols + j]        (idx ascending within a list)
 * </pre>
 *
 * In the forward pass a list is a row's active inputs and {@code src} the weights; for the weight gradient a list is
 * an input's spiking rows and {@code src} the membrane gradients.
 *
 * <p>Strategy: {@code src} is first packed by column blocks ({@link #pack}), so that the rows of one block are
 * contiguous 512-byte runs the hardware prefetcher can follow (rows 3 KB apart defeat it and the sum becomes bound by
 * L2 latency). A tile of {@code chunkRows} rows of a block stays in cache while every list adds its selected rows
 * from it; a list's entries are split by tile once, up front. Each element still receives its rows
 * in ascending order, partial sums going through {@code dst} as floats, so the result is bit-identical to the
 * unblocked sum (and to the scalar twin) whatever the tiling or the thread split.
 */
final class EventSum {
  /** Columns per block: 8 vectors of 16 floats, the vector kernel's widest register block. */
  static final int COLUMN_BLOCK = Integer.getInteger("snn.eventColumns", 128);
  /** Source rows per tile: 48 × 128 floats = 24 KB, inside a 32 KB L1. */
  static final int CHUNK_ROWS = Integer.getInteger("snn.eventChunk", 48);

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

  /** Number of source tiles for {@code srcRows} rows. */
  static int chunks(int srcRows) {
    return (srcRows + CHUNK_ROWS - 1) / CHUNK_ROWS;
  }

  /**
   * @param bounds scratch of at least {@code listTo · (chunks(srcRows) + 1)} ints (list {@code l} uses its own
   *     slice, so threads on disjoint lists share it): where each list's entries for each tile begin, computed once
   *     and reused for every column block
   * @param packed {@code src} after {@link #pack}, or {@code src} itself when {@link #packedSize} is 0
   */
  static void run(
      Kernels kernels, float[] packed, int srcRows, int cols, int[] idx, int[] start, int[] end, int listFrom,
      int listTo, float[] dst, int[] bounds) {
    int chunks = chunks(srcRows);
    int stride = chunks + 1;
    for (int l = listFrom; l < listTo; l++) {
      int b = l * stride;
      int q = start[l];
      int e = end[l];
      bounds[b] = q;
      for (int c = 0; c < chunks; c++) {
        int limit = (c + 1) * CHUNK_ROWS;
        while (q < e && idx[q] < limit) {
          q++;
        }
        bounds[b + c + 1] = q;
      }
    }
    for (int c0 = 0; c0 < cols; c0 += COLUMN_BLOCK) {
      int w = Math.min(COLUMN_BLOCK, cols - c0);
      int base = c0 * srcRows;
      for (int c = 0; c < chunks; c++) {
        for (int l = listFrom; l < listTo; l++) {
          int b = l * stride + c;
          int p = bounds[b];
          int q = bounds[b + 1];
          if (q > p) {
            kernels.addSelectedRows(packed, base, w, idx, p, q, dst, l * cols + c0, 0, w);
          }
        }
      }
    }
  }
}
