package org.snn4j.core.dense;

import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The products of a dense layer with analog input ({@link DenseProducts#forwardAnalog}, {@link
 * DenseProducts#weightGradientAnalog}): their arguments, held for the duration of one call so that the range bodies,
 * made once per workspace, allocate nothing.
 */
final class AnalogJob {
  private final DenseWorkspace ws;
  private Kernels kernels;
  private float[] x;
  private float[] src;
  private float[] bias;
  private float[] dst;
  private final WorkerPool.RangeBody forward = this::forward;
  private final WorkerPool.RangeBody gradient = this::gradient;

  AnalogJob(DenseWorkspace ws) {
    this.ws = ws;
  }

  void forward(Kernels kernels, float[] x, float[] w, float[] bias, float[] u, WorkerPool pool) {
    set(kernels, x, w, bias, u);
    try {
      pool.forRange(ws.rows, 4, forward);
    } finally {
      set(null, null, null, null, null);
    }
  }

  void weightGradient(Kernels kernels, float[] x, float[] gu, float[] dW, WorkerPool pool) {
    set(kernels, x, gu, null, dW);
    try {
      pool.forRange(ws.in, 4, gradient);
    } finally {
      set(null, null, null, null, null);
    }
  }

  private void set(Kernels kernels, float[] x, float[] src, float[] bias, float[] dst) {
    this.kernels = kernels;
    this.x = x;
    this.src = src;
    this.bias = bias;
    this.dst = dst;
  }

  private void forward(int r0, int r1) {
    DenseGemm.forwardAnalog(kernels, x, src, bias, dst, ws, r0, r1);
  }

  private void gradient(int i0, int i1) {
    DenseGemm.weightGradientAnalog(kernels, x, src, dst, ws, i0, i1);
  }
}
