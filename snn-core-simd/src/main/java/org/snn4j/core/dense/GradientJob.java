package org.snn4j.core.dense;

import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The weight gradient of one batch ({@link DenseProducts#weightGradient}): its arguments, held for the duration of
 * {@link #run} so that the range bodies of its phases, made once per workspace, allocate nothing.
 */
final class GradientJob {
  private final DenseWorkspace ws;
  private Kernels kernels;
  private long[] x;
  private float[] gu;
  private float[] dW;
  private boolean[] lossLive;
  private final WorkerPool.RangeBody dense = this::dense;
  private final WorkerPool.RangeBody liveness = this::liveness;
  private final WorkerPool.RangeBody narrow = this::narrow;
  private final WorkerPool.RangeBody lists = this::lists;
  private final WorkerPool.RangeBody packGradient = this::packGradient;
  private final WorkerPool.RangeBody sums = this::sums;

  GradientJob(DenseWorkspace ws) {
    this.ws = ws;
  }

  boolean run(
      Kernels kernels, long[] x, float[] gu, float[] dW, float[] dB, boolean[] lossLive, WorkerPool pool,
      DenseProducts.Path path) {
    this.kernels = kernels;
    this.x = x;
    this.gu = gu;
    this.dW = dW;
    this.lossLive = lossLive;
    try {
      return run(dB, pool, path);
    } finally {
      this.kernels = null;
      this.x = null;
      this.gu = null;
      this.dW = null;
      this.lossLive = null;
    }
  }

  private boolean run(float[] dB, WorkerPool pool, DenseProducts.Path path) {
    int in = ws.in;
    int out = ws.out;
    int rows = ws.rows;
    if (DenseProducts.useDense(path, ws.spikes, (long) rows * in, ws.tuning.denseAbove())) {
      pool.forRange(in, 4, dense);
      return false;
    }
    pool.forRange(rows, 16, liveness);
    LiveRows.count(ws);
    if (out < DenseProducts.FORMS_MIN_OUT) {
      // a narrow layer: each live row of gu added straight to the gradient rows of its spikes, 64 inputs a chunk
      NarrowProducts.padNarrow(ws, null, false);
      pool.forChunks(ws.words, 1, narrow);
      return false;
    }
    pool.forChunks(in, 64, lists);
    Packing.prepare(ws, gu, rows, rows);
    pool.forChunks(ws.batch, 4, packGradient);
    if (dB != null) {
      Packing.biasFromPrefix(kernels, ws, dB);
    }
    pool.forChunks(EventSum.units(out, ws.packBlock, in, EventSum.INPUTS_PER_UNIT), 1, sums);
    return dB != null;
  }

  private void dense(int i0, int i1) {
    DenseGemm.weightGradient(kernels, x, gu, dW, ws, i0, i1);
  }

  private void liveness(int r0, int r1) {
    LiveRows.scan(kernels, gu, lossLive, ws, r0, r1);
  }

  private void narrow(int q0, int q1) {
    NarrowProducts.weightGradient(kernels, x, gu, dW, ws, q0, q1);
  }

  private void lists(int i0, int i1) {
    GradientLists.gradientLists(x, ws, i0, i1);
  }

  private void packGradient(int b0, int b1) {
    Packing.packGradient(kernels, gu, ws, b0, b1);
  }

  private void sums(int u0, int u1) {
    EventSum.gradientUnits(kernels, ws.packed, ws.rows, ws.in, ws.out, ws, u0, u1, dW);
  }
}
