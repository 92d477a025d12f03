package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The forward product of one batch ({@link DenseProducts#forward}): its arguments, held for the duration of {@link
 * #run} so that the range bodies of its phases, made once per workspace, allocate nothing.
 */
final class ForwardJob {
  private final DenseWorkspace ws;
  private Kernels kernels;
  private long[] x;
  private float[] w;
  private float[] bias;
  private float[] u;
  private final WorkerPool.RangeBody dense = this::dense;
  private final WorkerPool.RangeBody narrow = this::narrow;
  private final WorkerPool.RangeBody lists = this::lists;
  private final WorkerPool.RangeBody packWeights = this::packWeights;
  private final WorkerPool.RangeBody sums = this::sums;

  ForwardJob(DenseWorkspace ws) {
    this.ws = ws;
  }

  void run(Kernels kernels, long[] x, float[] w, float[] bias, float[] u, WorkerPool pool, DenseProducts.Path path) {
    this.kernels = kernels;
    this.x = x;
    this.w = w;
    this.bias = bias;
    this.u = u;
    try {
      run(pool, path);
    } finally {
      this.kernels = null;
      this.x = null;
      this.w = null;
      this.bias = null;
      this.u = null;
    }
  }

  private void run(WorkerPool pool, DenseProducts.Path path) {
    int in = ws.in;
    int out = ws.out;
    int words = ws.words;
    int rows = ws.rows;
    int[] count = ws.rowSpikes;
    double denseAbove = ws.tuning.denseAbove();
    // the spike count decides the path only for AUTO with a threshold below 1; otherwise the lists count each row's
    // spikes on the pool
    boolean decide = path == DenseProducts.Path.DENSE || (path == DenseProducts.Path.AUTO && denseAbove < 1);
    if (decide) {
      for (int r = 0; r < rows; r++) {
        count[r] = (int) SpikeBits.count(x, r * words, (r + 1) * words);
      }
      ws.spikes = DenseProducts.sum(count, rows);
      if (DenseProducts.useDense(path, ws.spikes, (long) rows * in, denseAbove)) {
        pool.forRange(rows, 8, dense);
        return;
      }
    }
    ws.countRows = !decide;
    if (out < DenseProducts.FORMS_MIN_OUT) {
      // a narrow layer takes plain spikes: each row lists and sums its own, in one pass (its weights, a few columns
      // wide, are their own single block, and the rows of the lists are still in L1 when summed)
      Arrays.fill(ws.hasBase, 0, ws.batch, false);
      Arrays.fill(ws.grouped, 0, ws.batch, false);
      NarrowProducts.padNarrow(ws, w, true);
      pool.forRange(rows, 16, narrow);
      ws.spikes = DenseProducts.sum(count, rows);
      ws.terms = ws.spikes;
      return;
    }
    // one chunk per group of samples that EventSum processes together: a sample's base row may start from an
    // earlier sample's of the same group, whose majority inputs are then already known
    pool.forChunks(ws.batch, EventSum.SAMPLES_PER_UNIT, lists);
    if (!decide) {
      ws.spikes = DenseProducts.sum(count, rows);
    }
    long terms = 0;
    for (int r = 0; r < rows; r++) {
      terms += ws.fEnd[r] - r * in;
    }
    for (int b = 0; b < ws.batch; b++) {
      terms += ws.hasBase[b] ? ws.baseEnd[b] - b * in : 0;
      terms += ws.grouped[b] ? ws.groupTerms[b] : 0;
    }
    ws.terms = terms;
    if (ws.baseRows.length < ws.batch * out) {
      ws.baseRows = new float[ws.batch * out];
    }
    if (Packing.prepare(ws, w, in, 0)) {
      pool.forRange(in, 16, packWeights);
      ws.weightPacks++;
      Packing.packed(ws, w);
    }
    pool.forChunks(EventSum.units(out, ws.packBlock, ws.batch, EventSum.SAMPLES_PER_UNIT), 1, sums);
  }

  private void dense(int r0, int r1) {
    DenseGemm.forward(kernels, x, w, bias, u, ws, r0, r1);
  }

  private void narrow(int r0, int r1) {
    NarrowProducts.forward(kernels, x, bias, u, ws, r0, r1);
  }

  private void lists(int b0, int b1) {
    ForwardLists.forwardLists(x, ws, b0, b1);
  }

  private void packWeights(int r0, int r1) {
    Packing.packRows(w, ws, r0, r1);
  }

  private void sums(int u0, int u1) {
    EventSum.forwardUnits(kernels, ws.packed, ws.in, ws.out, bias, ws, u0, u1, u);
  }
}
