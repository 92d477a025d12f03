package org.snn4j.core.kernel;

/** The plain-Java twin: the readable specification of every kernel, and the fallback without the Vector API. */
public final class ScalarKernels extends Kernels {

  @Override
  public String describe() {
    return "scalar";
  }

  @Override
  public void lifFirstStep(float[] u, int uFrom, long[] spikes, int sWord, int n, float vth) {
    long word = 0;
    for (int i = 0; i < n; i++) {
      word |= (u[uFrom + i] - vth > 0 ? 1L : 0L) << i;
      word = storeFullWord(spikes, sWord, i, word);
    }
    storeLastWord(spikes, sWord, n, word);
  }

  @Override
  public void lifStep(
      float[] prevU, int prevFrom, float[] u, int uFrom, long[] spikes, int sWord, int n, float decay, float vth) {
    long word = 0;
    for (int i = 0; i < n; i++) {
      boolean fired = prevU[prevFrom + i] - vth > 0;
      float leak = fired ? 0f : decay * prevU[prevFrom + i];
      float v = leak + u[uFrom + i];
      u[uFrom + i] = v;
      word |= (v - vth > 0 ? 1L : 0L) << i;
      word = storeFullWord(spikes, sWord, i, word);
    }
    storeLastWord(spikes, sWord, n, word);
  }

  /** Bits are collected in {@code word}; after bit 63 of a word it is stored and a new one starts. */
  private static long storeFullWord(long[] spikes, int sWord, int i, long word) {
    if ((i & 63) != 63) {
      return word;
    }
    spikes[sWord + (i >>> 6)] = word;
    return 0L;
  }

  /** Stores the last, partial word (its bits above {@code n} are zero). */
  private static void storeLastWord(long[] spikes, int sWord, int n, long word) {
    if ((n & 63) != 0) {
      spikes[sWord + (n >>> 6)] = word;
    }
  }

  @Override
  public void subtract(float[] a, int aFrom, float c, float[] out, int outFrom, int n) {
    for (int i = 0; i < n; i++) {
      out[outFrom + i] = a[aFrom + i] - c;
    }
  }

  @Override
  public void lifBackwardStep(
      float[] go, int goFrom, float[] nextGu, int nextFrom, float[] u, int uFrom, float[] h, int hFrom, float[] out,
      int outFrom, int n, float decay, boolean detachReset, float vth) {
    if (nextGu == null) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = go[goFrom + i] * h[hFrom + i];
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      float g = nextGu[nextFrom + i];
      float goTotal = detachReset ? go[goFrom + i] : go[goFrom + i] + g * (-decay * u[uFrom + i]);
      float carry = u[uFrom + i] - vth > 0 ? 0f : g * decay;
      out[outFrom + i] = goTotal * h[hFrom + i] + carry;
    }
  }

  @Override
  public void lifBackwardStepBox(
      float[] go, int goFrom, float[] nextGu, int nextFrom, float[] u, int uFrom, float[] out, int outFrom, int n,
      float decay, boolean detachReset, float vth, float halfWidth, float height) {
    for (int i = 0; i < n; i++) {
      float h = Math.abs(u[uFrom + i] - vth) < halfWidth ? height : 0f;
      if (nextGu == null) {
        out[outFrom + i] = go[goFrom + i] * h;
        continue;
      }
      float g = nextGu[nextFrom + i];
      float goTotal = detachReset ? go[goFrom + i] : go[goFrom + i] + g * (-decay * u[uFrom + i]);
      float carry = u[uFrom + i] - vth > 0 ? 0f : g * decay;
      out[outFrom + i] = goTotal * h + carry;
    }
  }

  @Override
  public void sumSelectedRows(
      float[] w, int wFrom, int cols, int[] idx, int addFrom, int addTo, int subFrom, int subTo, float[] dst,
      int dstFrom, int colFrom, int colTo) {
    for (int j = colFrom; j < colTo; j++) {
      float s = dst[dstFrom + j];
      for (int k = addFrom; k < addTo; k++) {
        s += w[wFrom + idx[k] * cols + j];
      }
      for (int k = subFrom; k < subTo; k++) {
        s -= w[wFrom + idx[k] * cols + j];
      }
      dst[dstFrom + j] = s;
    }
  }

  @Override
  public void addToRowsOfBits(
      float[] src, int srcFrom, long bits, int base, float[] dst, int dstStride, int cols) {
    for (long m = bits; m != 0; m &= m - 1) {
      int row = (base + Long.numberOfTrailingZeros(m)) * dstStride;
      for (int j = 0; j < cols; j++) {
        dst[row + j] += src[srcFrom + j];
      }
    }
  }

  @Override
  public boolean anyNonZero(float[] a, int from, int n) {
    return anyNonZeroIn(a, from, from + n);
  }

  @Override
  public void addColumnSums(float[] src, int from, int count, int stride, int width, float[] dst, int dstFrom) {
    addColumnSumsIn(src, from, count, stride, 0, width, dst, dstFrom);
  }

  @Override
  public void patchProducts(float[] x, int xFrom, int[] offsets, int taps, int k, float[] w, int n, float[] start,
      float[] dst, int dstFrom, int p0, int p1) {
    patchProductsIn(x, xFrom, offsets, taps, k, w, n, start, dst, dstFrom, p0, p1, 0, n);
  }

  @Override
  public int countNonZeros(float[] a, int from, int n) {
    return countNonZerosIn(a, from, from + n);
  }

  @Override
  public void sumRowSets(
      float[] w, int wStride, int cols, int[] idx, int[] from, int[] to, float[] bias, float[] dst, int dstFrom, int r0,
      int r1) {
    for (int r = r0; r < r1; r++) {
      for (int j = 0; j < cols; j++) {
        float s = bias[j];
        for (int k = from[r]; k < to[r]; k++) {
          s += w[idx[k] * wStride + j];
        }
        dst[dstFrom + r * cols + j] = s;
      }
    }
  }

  @Override
  public void combineRows(
      float[] coef, int coefFrom, int n, float[] rows, int rowStride, float[] dst, int dstFrom, int len) {
    for (int i = 0; i < len; i++) {
      float s = 0f;
      for (int j = 0; j < n; j++) {
        float c = coef[coefFrom + j];
        if (c != 0f) {
          s += c * rows[j * rowStride + i];
        }
      }
      dst[dstFrom + i] = s;
    }
  }

  @Override
  public void sumStepGroups(
      float[] w, int wFrom, int cols, int[] idx, int[] groupStart, int at, int k, float[] bias, int biasFrom,
      float[] dst, int dstFrom, int dstStride, int colFrom, int colTo) {
    checkGroupSteps(k);
    // the spec, not fast: each step sums its groups again
    for (int s = 0; s < k; s++) {
      for (int j = colFrom; j < colTo; j++) {
        float sum = bias[biasFrom + j];
        for (int g = 1; g < 1 << k; g++) {
          int from = groupStart[at + g - 1];
          int to = groupStart[at + g];
          if ((g >>> s & 1) == 0 || from == to) {
            continue;
          }
          float group = 0f;
          for (int m = from; m < to; m++) {
            group += w[wFrom + idx[m] * cols + j];
          }
          sum += group;
        }
        dst[dstFrom + s * dstStride + j] = sum;
      }
    }
  }

  @Override
  public void packBits(byte[] src, int from, int n, long[] dst, int dstWord) {
    long word = 0;
    for (int i = 0; i < n; i++) {
      word |= (src[from + i] != 0 ? 1L : 0L) << i;
      word = storeFullWord(dst, dstWord, i, word);
    }
    storeLastWord(dst, dstWord, n, word);
  }

  @Override
  public void adamStep(
      float[] w, float[] g, float[] m, float[] v, int from, int to, float oneMinusBeta1, float beta2,
      float oneMinusBeta2, float stepSize, float bc2Sqrt, float eps) {
    for (int i = from; i < to; i++) {
      float gi = g[i];
      m[i] += oneMinusBeta1 * (gi - m[i]);
      v[i] = beta2 * v[i] + oneMinusBeta2 * gi * gi;
      float denom = (float) Math.sqrt(v[i]) / bc2Sqrt + eps;
      w[i] -= stepSize * m[i] / denom;
    }
  }

  @Override
  public void gemm(float[] a, float[] b, float[] c, int rowFrom, int rowTo, int k, int n) {
    for (int i = rowFrom; i < rowTo; i++) {
      for (int j = 0; j < n; j++) {
        float s = c[i * n + j];
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[i * k + p], b[p * n + j], s);
        }
        c[i * n + j] = s;
      }
    }
  }

  @Override
  public void add(float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstFrom + i] += src[srcFrom + i];
    }
  }


  @Override
  public void axpy(float alpha, float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstFrom + i] += alpha * src[srcFrom + i];
    }
  }

  @Override
  public void sumScaledRowSets(
      float[] w, int cols, int[] idx, float[] coef, int[] from, int[] to, float[] start, float[] dst, int dstFrom,
      int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      for (int j = 0; j < cols; j++) {
        float s = start[j];
        for (int k = from[r]; k < to[r]; k++) {
          s += coef[k] * w[idx[k] * cols + j];
        }
        dst[dstFrom + r * cols + j] = s;
      }
    }
  }


  @Override
  public void accumulateRowSets(
      float[] w, int cols, int[] idx, float[] coef, int[] from, int[] to, float[] dst, int dstFrom, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      for (int j = 0; j < cols; j++) {
        float s = dst[dstFrom + r * cols + j];
        for (int k = from[r]; k < to[r]; k++) {
          s += coef == null ? w[idx[k] * cols + j] : coef[k] * w[idx[k] * cols + j];
        }
        dst[dstFrom + r * cols + j] = s;
      }
    }
  }
}
