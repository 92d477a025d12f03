package org.snn4j.core.dense;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;

/**
 * The dense path of the products: the input as a float matrix (0/1 for spikes) and the Vector API GEMM ({@link
 * Kernels#gemm}), work independent of the input's density. Analog input always takes it.
 */
final class DenseGemm {
  private DenseGemm() {}

  /** Forward rows {@code [r0, r1)}: {@code u[r] = bias + x[r] W}, {@code x} as bits expanded to 0/1 floats. */
  static void forward(
      Kernels kernels, long[] x, float[] w, float[] bias, float[] u, DenseWorkspace ws, int r0, int r1) {
    int in = ws.in;
    int out = ws.out;
    int words = ws.words;
    float[] xf = ws.dense();
    for (int r = r0; r < r1; r++) {
      System.arraycopy(bias, 0, u, r * out, out);
      toFloats(x, r * words, in, xf, r * in);
    }
    kernels.gemm(xf, w, u, r0, r1, in, out);
  }

  /** Weight-gradient rows of inputs {@code [i0, i1)}: {@code dW[i] = Σ_r x[r][i] gu[r]}, through {@code xᵀ}. */
  static void weightGradient(
      Kernels kernels, long[] x, float[] gu, float[] dW, DenseWorkspace ws, int i0, int i1) {
    int rows = ws.rows;
    int out = ws.out;
    int words = ws.words;
    float[] xT = ws.dense();
    for (int i = i0; i < i1; i++) {
      long bit = 1L << i;
      int q = i >>> 6;
      for (int r = 0; r < rows; r++) {
        xT[i * rows + r] = (x[r * words + q] & bit) != 0 ? 1f : 0f;
      }
    }
    Arrays.fill(dW, i0 * out, i1 * out, 0f);
    kernels.gemm(xT, gu, dW, i0, i1, rows, out);
  }

  /** Forward rows {@code [r0, r1)} of analog input: {@code u[r] = bias + x[r] W}. */
  static void forwardAnalog(
      Kernels kernels, float[] x, float[] w, float[] bias, float[] u, DenseWorkspace ws, int r0, int r1) {
    int out = ws.out;
    for (int r = r0; r < r1; r++) {
      System.arraycopy(bias, 0, u, r * out, out);
    }
    kernels.gemm(x, w, u, r0, r1, ws.in, out);
  }

  /** Weight-gradient rows of inputs {@code [i0, i1)} of analog input, through {@code xᵀ}. */
  static void weightGradientAnalog(
      Kernels kernels, float[] x, float[] gu, float[] dW, DenseWorkspace ws, int i0, int i1) {
    int rows = ws.rows;
    int in = ws.in;
    int out = ws.out;
    float[] xT = ws.dense();
    for (int i = i0; i < i1; i++) {
      for (int r = 0; r < rows; r++) {
        xT[i * rows + r] = x[r * in + i];
      }
    }
    Arrays.fill(dW, i0 * out, i1 * out, 0f);
    kernels.gemm(xT, gu, dW, i0, i1, rows, out);
  }

  private static void toFloats(long[] x, int word, int n, float[] dst, int at) {
    for (int i = 0; i < n; i++) {
      dst[at + i] = (x[word + (i >>> 6)] & (1L << i)) != 0 ? 1f : 0f;
    }
  }
}
