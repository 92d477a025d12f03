package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;

/**
 * Which rows of the weight gradient's source {@code gu [rows][out]} are all zeros: they add nothing to the weight
 * gradient, so the lists leave them out, exactly. With the rate loss every sample the network already gets right
 * (its output rates equal the targets) has a zero gradient at every step.
 */
final class LiveRows {
  private LiveRows() {}

  /**
   * Liveness of source rows {@code [r0, r1)}: whether each holds a value other than (signed) zero; rows of samples
   * whose loss gradient is zero ({@code lossLive[b]} false) are known to be zero and not read.
   */
  static void scan(Kernels kernels, float[] gu, boolean[] lossLive, DenseWorkspace ws, int r0, int r1) {
    int out = ws.out;
    int batch = ws.batch;
    long[] live = ws.live;
    for (int r = r0; r < r1; r++) {
      boolean scan = lossLive == null || lossLive[r % batch];
      live[r] = scan && kernels.anyNonZero(gu, r * out, out) ? -1L : 0L; // NaN counts as live
    }
  }

  /** After {@link #scan} of every row: per sample whether any of its rows is live, and the live rows' count. */
  static void count(DenseWorkspace ws) {
    int batch = ws.batch;
    Arrays.fill(ws.liveSample, 0, batch, false);
    int n = 0;
    for (int r = 0; r < ws.rows; r++) {
      if (ws.live[r] != 0) {
        ws.liveSample[r % batch] = true;
        n++;
      }
    }
    ws.liveRows = n;
  }
}
