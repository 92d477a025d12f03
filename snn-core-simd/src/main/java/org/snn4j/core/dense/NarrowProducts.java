package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.SpikeBits;

/**
 * The event-driven products of a layer narrower than {@link DenseProducts#FORMS_MIN_OUT}: plain spikes, no forms,
 * over a copy of the weights (or of the gradient) whose rows are padded to whole vectors.
 */
final class NarrowProducts {
  private NarrowProducts() {}

  /**
   * Rows {@code [r0, r1)} of a narrow layer's forward pass: the bias plus the weight rows of the row's spikes, from
   * the padded copy of the weights in {@code ws.narrow} ({@link #padNarrow}). Four rows at a time list their spikes
   * into one stretch of the range's own lists, reused (it stays in L1), and are summed together.
   */
  static void forward(Kernels kernels, long[] x, float[] bias, float[] u, DenseWorkspace ws, int r0, int r1) {
    int in = ws.in;
    int words = ws.words;
    int[] fIdx = ws.fIdx;
    for (int rb = r0; rb < r1; rb += 4) {
      int re = Math.min(r1, rb + 4);
      // [r0·in, r0·in + 4·in) holds any four rows' lists and belongs to this range when it has four rows
      int k = (r1 - r0 >= 4 ? r0 : rb) * in;
      for (int r = rb; r < re; r++) {
        int end = k + SpikeBits.indices(x, r * words, words, fIdx, k);
        if (ws.countRows) {
          ws.rowSpikes[r] = end - k;
        }
        ws.fMode[r] = ForwardLists.FROM_BIAS;
        ws.narrowFrom[r] = k;
        ws.fAdd[r] = end;
        ws.fEnd[r] = end;
        k = end;
      }
      kernels.sumRowSets(ws.narrow, ws.narrowStride, ws.out, fIdx, ws.narrowFrom, ws.fEnd, bias, u, 0, rb, re);
    }
  }

  /**
   * Makes room in {@code ws.narrow} for {@code in} rows of {@code out} floats padded to a multiple of 16 (whole
   * vectors of any species), and copies {@code src}'s rows there when {@code copy}.
   */
  static void padNarrow(DenseWorkspace ws, float[] src, boolean copy) {
    int in = ws.in;
    int out = ws.out;
    ws.narrowStride = (out + 15) & -16;
    int size = Math.multiplyExact(in, ws.narrowStride);
    if (ws.narrow.length < size) {
      ws.narrow = new float[size];
    }
    if (copy) {
      for (int i = 0; i < in; i++) {
        System.arraycopy(src, i * out, ws.narrow, i * ws.narrowStride, out);
      }
    }
  }

  /**
   * Weight-gradient rows of a narrow layer for the inputs of words {@code [q0, q1)}: from zero, each live row of
   * {@code gu} added to the rows of the inputs it spiked at, samples in order and each sample's steps in order (the
   * order of the direct terms of {@link GradientLists}). No term lists: {@code gAdd} and {@code gSub} are left
   * empty.
   */
  static void weightGradient(Kernels kernels, long[] x, float[] gu, float[] dW, DenseWorkspace ws, int q0, int q1) {
    int in = ws.in;
    int out = ws.out;
    int rows = ws.rows;
    int batch = ws.batch;
    int words = ws.words;
    long[] live = ws.live;
    boolean[] liveSample = ws.liveSample;
    // the sums go to the padded rows of `narrow`, whole vectors that need no mask, then to dW
    float[] pad = ws.narrow;
    int stride = ws.narrowStride;
    for (int q = q0; q < q1; q++) {
      int i0 = q << 6;
      int i1 = Math.min(in, i0 + 64);
      Arrays.fill(pad, i0 * stride, i1 * stride, 0f);
      for (int i = i0; i < i1; i++) {
        ws.gAdd[i] = i * rows;
        ws.gSub[i] = (i + 1) * rows;
      }
      for (int b = 0; b < batch; b++) {
        if (!liveSample[b]) {
          continue;
        }
        for (int t = 0; t < ws.timesteps; t++) {
          int r = t * batch + b;
          long bits = x[r * words + q] & live[r];
          if (bits != 0) {
            kernels.addToRowsOfBits(gu, r * out, bits, i0, pad, stride, out);
          }
        }
      }
      for (int i = i0; i < i1; i++) {
        System.arraycopy(pad, i * stride, dW, i * out, out);
      }
    }
  }
}
