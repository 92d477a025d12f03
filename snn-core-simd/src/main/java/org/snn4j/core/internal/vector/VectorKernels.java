package org.snn4j.core.internal.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.snn4j.core.kernel.Kernels;

/**
 * The Vector API twin of {@link org.snn4j.core.kernel.ScalarKernels}; the math is documented there, these comments
 * explain strategy only.
 *
 * <p>Common strategy: a {@code loopBound} main loop and a scalar tail, never a masked main loop (masks every
 * iteration run 3× slower on JDK 17). Elementwise kernels use the same operations in the same order as the scalar
 * twin and no FMA, so results are bit-identical. Spikes are written as bits (a lane mask per
 * vector, {@code 64 / L} masks per word) and never read back: a spike is recomputed from its membrane with the same
 * comparison that produced it.
 */
public final class VectorKernels extends Kernels {
  private static final VectorSpecies<Float> F = VectorConstants.FLOAT;
  private static final int L = F.length();
  private static final VectorSpecies<Byte> B = VectorConstants.BYTE;
  private static final int BL = B.length();
  private static final boolean WIDE = VectorConstants.WIDE_PASSES;

  @Override
  public String describe() {
    return "vector-" + F.vectorBitSize();
  }

  @Override
  public void lifFirstStep(float[] u, int uFrom, long[] spikes, int sWord, int n, float vth) {
    // L divides 64, so a word collects the lane masks of 64 / L vectors before it is stored once.
    long word = 0;
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(F, u, uFrom + i);
      word |= v.sub(vth).compare(VectorOperators.GT, 0f).toLong() << i;
      if (((i + L) & 63) == 0) {
        spikes[sWord + (i >>> 6)] = word;
        word = 0;
      }
    }
    for (; i < n; i++) {
      if (u[uFrom + i] - vth > 0) {
        word |= 1L << i;
      }
    }
    if ((n & 63) != 0) {
      spikes[sWord + (n >>> 6)] = word;
    }
  }

  @Override
  public void lifStep(
      float[] prevU, int prevFrom, float[] u, int uFrom, long[] spikes, int sWord, int n, float decay, float vth) {
    long word = 0;
    int i = 0;
    FloatVector zero = FloatVector.zero(F);
    for (int bound = F.loopBound(n); i < bound; i += L) {
      FloatVector pu = FloatVector.fromArray(F, prevU, prevFrom + i);
      VectorMask<Float> fired = pu.sub(vth).compare(VectorOperators.GT, 0f);
      FloatVector leak = pu.mul(decay).blend(zero, fired);
      FloatVector v = leak.add(FloatVector.fromArray(F, u, uFrom + i));
      v.intoArray(u, uFrom + i);
      word |= v.sub(vth).compare(VectorOperators.GT, 0f).toLong() << i;
      if (((i + L) & 63) == 0) {
        spikes[sWord + (i >>> 6)] = word;
        word = 0;
      }
    }
    for (; i < n; i++) {
      boolean fired = prevU[prevFrom + i] - vth > 0;
      float leak = fired ? 0f : decay * prevU[prevFrom + i];
      float v = leak + u[uFrom + i];
      u[uFrom + i] = v;
      if (v - vth > 0) {
        word |= 1L << i;
      }
    }
    if ((n & 63) != 0) {
      spikes[sWord + (n >>> 6)] = word;
    }
  }

  @Override
  public void subtract(float[] a, int aFrom, float c, float[] out, int outFrom, int n) {
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(F, a, aFrom + i).sub(c).intoArray(out, outFrom + i);
    }
    for (; i < n; i++) {
      out[outFrom + i] = a[aFrom + i] - c;
    }
  }

  @Override
  public void lifBackwardStep(
      float[] go, int goFrom, float[] nextGu, int nextFrom, float[] u, int uFrom, float[] h, int hFrom, float[] out,
      int outFrom, int n, float decay, boolean detachReset, float vth) {
    int i = 0;
    if (nextGu == null) {
      for (int bound = F.loopBound(n); i < bound; i += L) {
        FloatVector.fromArray(F, go, goFrom + i)
            .mul(FloatVector.fromArray(F, h, hFrom + i))
            .intoArray(out, outFrom + i);
      }
      for (; i < n; i++) {
        out[outFrom + i] = go[goFrom + i] * h[hFrom + i];
      }
      return;
    }
    FloatVector zero = FloatVector.zero(F);
    for (int bound = F.loopBound(n); i < bound; i += L) {
      FloatVector g = FloatVector.fromArray(F, nextGu, nextFrom + i);
      FloatVector uv = FloatVector.fromArray(F, u, uFrom + i);
      FloatVector goTotal = FloatVector.fromArray(F, go, goFrom + i);
      if (!detachReset) {
        goTotal = goTotal.add(g.mul(uv.mul(-decay)));
      }
      VectorMask<Float> fired = uv.sub(vth).compare(VectorOperators.GT, 0f);
      FloatVector carry = g.mul(decay).blend(zero, fired);
      goTotal.mul(FloatVector.fromArray(F, h, hFrom + i)).add(carry).intoArray(out, outFrom + i);
    }
    for (; i < n; i++) {
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
    // The surrogate is computed in registers (abs, compare, blend) instead of in a separate pass through memory.
    FloatVector zero = FloatVector.zero(F);
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += L) {
      FloatVector uv = FloatVector.fromArray(F, u, uFrom + i);
      FloatVector z = uv.sub(vth);
      FloatVector h = zero.blend(height, z.abs().compare(VectorOperators.LT, halfWidth));
      FloatVector goTotal = FloatVector.fromArray(F, go, goFrom + i);
      if (nextGu == null) {
        goTotal.mul(h).intoArray(out, outFrom + i);
        continue;
      }
      FloatVector g = FloatVector.fromArray(F, nextGu, nextFrom + i);
      if (!detachReset) {
        goTotal = goTotal.add(g.mul(uv.mul(-decay)));
      }
      FloatVector carry = g.mul(decay).blend(zero, z.compare(VectorOperators.GT, 0f));
      goTotal.mul(h).add(carry).intoArray(out, outFrom + i);
    }
    for (; i < n; i++) {
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
      float[] w, int wFrom, int cols, int[] active, int aFrom, int aTo, int sFrom, int sTo, float[] dst,
      int dstFrom, int colFrom, int colTo) {
    // Added rows, then subtracted rows, in two methods; storing the sum between the two passes rounds nothing, so
    // the result equals the scalar twin's. Two methods matter: a subtraction loop inside the kernel is cold while
    // inputs are sparse, and C2, compiling the kernel in that state, left the whole kernel about 8× slower for the
    // rest of the run (ProductBenchmark at 5% density). A call, even a cold one, passes no vectors, so nothing is
    // boxed. (One loop body computing acc + row·(±1) avoids it too, but the multiply cost 8-25% here, and fma by ±1
    // is 7× slower on JDK 17, which does not intrinsify it.)
    accumulate(w, wFrom, cols, active, aFrom, aTo, dst, dstFrom, colFrom, colTo);
    if (sFrom < sTo) {
      deduct(w, wFrom, cols, active, sFrom, sTo, dst, dstFrom, colFrom, colTo);
    }
  }

  /** {@code dst[dstFrom + j] += Σ_k w[wFrom + active[k]·cols + j]}, each row added in ascending k. */
  private static void accumulate(
      float[] w, int wFrom, int cols, int[] active, int from, int to, float[] dst, int dstFrom, int colFrom,
      int colTo) {
    // Column blocks of 10, 8, 4 or 1 vectors stay in registers while every selected row is added: dst is read and
    // written once per block instead of once per row.
    int j = colFrom;
    for (; WIDE && j + 10 * L <= colTo; j += 10 * L) {
      accumulate10(w, cols, active, from, to, dst, dstFrom + j, wFrom + j);
    }
    for (; WIDE && j + 8 * L <= colTo; j += 8 * L) {
      accumulate8(w, cols, active, from, to, dst, dstFrom + j, wFrom + j);
    }
    for (; j + 4 * L <= colTo; j += 4 * L) {
      int d = dstFrom + j;
      FloatVector a0 = FloatVector.fromArray(F, dst, d);
      FloatVector a1 = FloatVector.fromArray(F, dst, d + L);
      FloatVector a2 = FloatVector.fromArray(F, dst, d + 2 * L);
      FloatVector a3 = FloatVector.fromArray(F, dst, d + 3 * L);
      for (int k = from; k < to; k++) {
        int row = wFrom + active[k] * cols + j;
        a0 = a0.add(FloatVector.fromArray(F, w, row));
        a1 = a1.add(FloatVector.fromArray(F, w, row + L));
        a2 = a2.add(FloatVector.fromArray(F, w, row + 2 * L));
        a3 = a3.add(FloatVector.fromArray(F, w, row + 3 * L));
      }
      a0.intoArray(dst, d);
      a1.intoArray(dst, d + L);
      a2.intoArray(dst, d + 2 * L);
      a3.intoArray(dst, d + 3 * L);
    }
    for (; j + L <= colTo; j += L) {
      FloatVector a = FloatVector.fromArray(F, dst, dstFrom + j);
      for (int k = from; k < to; k++) {
        a = a.add(FloatVector.fromArray(F, w, wFrom + active[k] * cols + j));
      }
      a.intoArray(dst, dstFrom + j);
    }
    if (j < colTo) {
      // fewer columns than lanes (an output layer of 10): one masked vector, each lane adding in the same order
      VectorMask<Float> m = F.indexInRange(0, colTo - j);
      FloatVector a = FloatVector.fromArray(F, dst, dstFrom + j, m);
      for (int k = from; k < to; k++) {
        a = a.add(FloatVector.fromArray(F, w, wFrom + active[k] * cols + j, m));
      }
      a.intoArray(dst, dstFrom + j, m);
    }
  }

  /** {@link #accumulate} subtracting: {@code dst[dstFrom + j] -= w[wFrom + active[k]·cols + j]} for k ascending. */
  private static void deduct(
      float[] w, int wFrom, int cols, int[] active, int from, int to, float[] dst, int dstFrom, int colFrom,
      int colTo) {
    // The same blocks as accumulate.
    int j = colFrom;
    for (; WIDE && j + 10 * L <= colTo; j += 10 * L) {
      deduct10(w, cols, active, from, to, dst, dstFrom + j, wFrom + j);
    }
    for (; WIDE && j + 8 * L <= colTo; j += 8 * L) {
      deduct8(w, cols, active, from, to, dst, dstFrom + j, wFrom + j);
    }
    for (; j + 4 * L <= colTo; j += 4 * L) {
      int d = dstFrom + j;
      FloatVector a0 = FloatVector.fromArray(F, dst, d);
      FloatVector a1 = FloatVector.fromArray(F, dst, d + L);
      FloatVector a2 = FloatVector.fromArray(F, dst, d + 2 * L);
      FloatVector a3 = FloatVector.fromArray(F, dst, d + 3 * L);
      for (int k = from; k < to; k++) {
        int row = wFrom + active[k] * cols + j;
        a0 = a0.sub(FloatVector.fromArray(F, w, row));
        a1 = a1.sub(FloatVector.fromArray(F, w, row + L));
        a2 = a2.sub(FloatVector.fromArray(F, w, row + 2 * L));
        a3 = a3.sub(FloatVector.fromArray(F, w, row + 3 * L));
      }
      a0.intoArray(dst, d);
      a1.intoArray(dst, d + L);
      a2.intoArray(dst, d + 2 * L);
      a3.intoArray(dst, d + 3 * L);
    }
    for (; j + L <= colTo; j += L) {
      FloatVector a = FloatVector.fromArray(F, dst, dstFrom + j);
      for (int k = from; k < to; k++) {
        a = a.sub(FloatVector.fromArray(F, w, wFrom + active[k] * cols + j));
      }
      a.intoArray(dst, dstFrom + j);
    }
    if (j < colTo) {
      // fewer columns than lanes (an output layer of 10): one masked vector, each lane adding in the same order
      VectorMask<Float> m = F.indexInRange(0, colTo - j);
      FloatVector a = FloatVector.fromArray(F, dst, dstFrom + j, m);
      for (int k = from; k < to; k++) {
        a = a.sub(FloatVector.fromArray(F, w, wFrom + active[k] * cols + j, m));
      }
      a.intoArray(dst, dstFrom + j, m);
    }
  }

  @Override
  public void addToRowsOfBits(
      float[] src, int srcFrom, long bits, int base, float[] dst, int dstStride, int cols) {
    // a vector of the source row at a time (the last one masked, its lanes past cols zero), added to every selected
    // row; inside a padded row the destination needs no mask (masked loads and stores are slow on JDK 17)
    for (int j = 0; j < cols; j += L) {
      // a whole vector fits the row's stride too (dstStride >= cols), so the masked branch below always has a mask
      boolean whole = j + L <= cols;
      VectorMask<Float> m = whole ? null : F.indexInRange(0, cols - j);
      FloatVector v =
          whole ? FloatVector.fromArray(F, src, srcFrom + j) : FloatVector.fromArray(F, src, srcFrom + j, m);
      if (j + L <= dstStride) {
        for (long b = bits; b != 0; b &= b - 1) {
          int at = (base + Long.numberOfTrailingZeros(b)) * dstStride + j;
          FloatVector.fromArray(F, dst, at).add(v).intoArray(dst, at);
        }
      } else {
        for (long b = bits; b != 0; b &= b - 1) {
          int at = (base + Long.numberOfTrailingZeros(b)) * dstStride + j;
          FloatVector.fromArray(F, dst, at, m).add(v).intoArray(dst, at, m);
        }
      }
    }
  }

  @Override
  public boolean anyNonZero(float[] a, int from, int n) {
    // the first vector alone decides most rows of dL/dI; an all-zero row is read 4 vectors at a time (JDK 17 runs
    // the mask test in Java code, and its training step got slower with it: there the plain loop does it all)
    int i = from;
    int end = from + n;
    if (WIDE) {
      if (i + L <= end && FloatVector.fromArray(F, a, i).compare(VectorOperators.NE, 0f).anyTrue()) {
        return true;
      }
      for (; i + 4 * L <= end; i += 4 * L) {
        FloatVector v = FloatVector.fromArray(F, a, i).abs()
            .max(FloatVector.fromArray(F, a, i + L).abs())
            .max(FloatVector.fromArray(F, a, i + 2 * L).abs())
            .max(FloatVector.fromArray(F, a, i + 3 * L).abs());
        if (v.compare(VectorOperators.NE, 0f).anyTrue()) {
          return true;
        }
      }
      for (; i + L <= end; i += L) {
        if (FloatVector.fromArray(F, a, i).compare(VectorOperators.NE, 0f).anyTrue()) {
          return true;
        }
      }
    }
    return anyNonZeroIn(a, i, end);
  }

  @Override
  public void addColumnSums(float[] src, int from, int count, int stride, int width, float[] dst, int dstFrom) {
    int j = 0;
    for (; j + 2 * L <= width; j += 2 * L) {
      FloatVector s0 = FloatVector.fromArray(F, dst, dstFrom + j);
      FloatVector s1 = FloatVector.fromArray(F, dst, dstFrom + j + L);
      for (int k = 0, i = from + j; k < count; k++, i += stride) {
        s0 = s0.add(FloatVector.fromArray(F, src, i));
        s1 = s1.add(FloatVector.fromArray(F, src, i + L));
      }
      s0.intoArray(dst, dstFrom + j);
      s1.intoArray(dst, dstFrom + j + L);
    }
    for (; j + L <= width; j += L) {
      FloatVector s0 = FloatVector.fromArray(F, dst, dstFrom + j);
      for (int k = 0, i = from + j; k < count; k++, i += stride) {
        s0 = s0.add(FloatVector.fromArray(F, src, i));
      }
      s0.intoArray(dst, dstFrom + j);
    }
    addColumnSumsIn(src, from, count, stride, j, width, dst, dstFrom);
  }

  @Override
  public void patchProducts(float[] x, int xFrom, int[] offsets, int taps, int k, float[] w, int n, float[] start,
      float[] dst, int dstFrom, int p0, int p1) {
    // 6 rows × 2 vectors of columns in registers over every tap and channel, as gemm6x2; other rows and single
    // vectors one row at a time; the columns left over by the scalar spec
    int j = 0;
    for (; j + 2 * L <= n; j += 2 * L) {
      int p = p0;
      for (; p + 6 <= p1; p += 6) {
        patch6x2(x, xFrom, offsets, taps, k, w, n, start, dst, dstFrom, p, j);
      }
      for (; p < p1; p++) {
        patchRowVector(x, xFrom, offsets, taps, k, w, n, start, dst, dstFrom, p, j);
        patchRowVector(x, xFrom, offsets, taps, k, w, n, start, dst, dstFrom, p, j + L);
      }
    }
    for (; j + L <= n; j += L) {
      for (int p = p0; p < p1; p++) {
        patchRowVector(x, xFrom, offsets, taps, k, w, n, start, dst, dstFrom, p, j);
      }
    }
    if (j < n) {
      patchProductsIn(x, xFrom, offsets, taps, k, w, n, start, dst, dstFrom, p0, p1, j, n);
    }
  }

  private static void patch6x2(float[] x, int xFrom, int[] offsets, int taps, int k, float[] w, int n,
      float[] start, float[] dst, int dstFrom, int p, int j) {
    FloatVector s00 = FloatVector.fromArray(F, start, j);
    FloatVector s01 = FloatVector.fromArray(F, start, j + L);
    FloatVector s10 = s00;
    FloatVector s11 = s01;
    FloatVector s20 = s00;
    FloatVector s21 = s01;
    FloatVector s30 = s00;
    FloatVector s31 = s01;
    FloatVector s40 = s00;
    FloatVector s41 = s01;
    FloatVector s50 = s00;
    FloatVector s51 = s01;
    int ob = p * taps;
    for (int tap = 0; tap < taps; tap++) {
      int a0 = offsets[ob + tap];
      int a1 = offsets[ob + taps + tap];
      int a2 = offsets[ob + 2 * taps + tap];
      int a3 = offsets[ob + 3 * taps + tap];
      int a4 = offsets[ob + 4 * taps + tap];
      int a5 = offsets[ob + 5 * taps + tap];
      for (int c = 0, wb = tap * k * n + j; c < k; c++, wb += n) {
        FloatVector b0 = FloatVector.fromArray(F, w, wb);
        FloatVector b1 = FloatVector.fromArray(F, w, wb + L);
        FloatVector v = FloatVector.broadcast(F, a0 >= 0 ? x[xFrom + a0 + c] : 0f);
        s00 = v.fma(b0, s00);
        s01 = v.fma(b1, s01);
        v = FloatVector.broadcast(F, a1 >= 0 ? x[xFrom + a1 + c] : 0f);
        s10 = v.fma(b0, s10);
        s11 = v.fma(b1, s11);
        v = FloatVector.broadcast(F, a2 >= 0 ? x[xFrom + a2 + c] : 0f);
        s20 = v.fma(b0, s20);
        s21 = v.fma(b1, s21);
        v = FloatVector.broadcast(F, a3 >= 0 ? x[xFrom + a3 + c] : 0f);
        s30 = v.fma(b0, s30);
        s31 = v.fma(b1, s31);
        v = FloatVector.broadcast(F, a4 >= 0 ? x[xFrom + a4 + c] : 0f);
        s40 = v.fma(b0, s40);
        s41 = v.fma(b1, s41);
        v = FloatVector.broadcast(F, a5 >= 0 ? x[xFrom + a5 + c] : 0f);
        s50 = v.fma(b0, s50);
        s51 = v.fma(b1, s51);
      }
    }
    int d = dstFrom + p * n + j;
    s00.intoArray(dst, d);
    s01.intoArray(dst, d + L);
    s10.intoArray(dst, d + n);
    s11.intoArray(dst, d + n + L);
    s20.intoArray(dst, d + 2 * n);
    s21.intoArray(dst, d + 2 * n + L);
    s30.intoArray(dst, d + 3 * n);
    s31.intoArray(dst, d + 3 * n + L);
    s40.intoArray(dst, d + 4 * n);
    s41.intoArray(dst, d + 4 * n + L);
    s50.intoArray(dst, d + 5 * n);
    s51.intoArray(dst, d + 5 * n + L);
  }

  private static void patchRowVector(float[] x, int xFrom, int[] offsets, int taps, int k, float[] w, int n,
      float[] start, float[] dst, int dstFrom, int p, int j) {
    FloatVector s = FloatVector.fromArray(F, start, j);
    for (int tap = 0; tap < taps; tap++) {
      int at = offsets[p * taps + tap];
      for (int c = 0, wb = tap * k * n + j; c < k; c++, wb += n) {
        s = FloatVector.broadcast(F, at >= 0 ? x[xFrom + at + c] : 0f).fma(FloatVector.fromArray(F, w, wb), s);
      }
    }
    s.intoArray(dst, dstFrom + p * n + j);
  }

  @Override
  public int countNonZeros(float[] a, int from, int n) {
    int i = from;
    int end = from + n;
    int count = 0;
    for (; i + L <= end; i += L) {
      count += FloatVector.fromArray(F, a, i).compare(VectorOperators.NE, 0f).trueCount();
    }
    return count + countNonZerosIn(a, i, end);
  }

  @Override
  public void sumRowSets(
      float[] w, int wStride, int cols, int[] idx, int[] from, int[] to, float[] bias, float[] dst, int dstFrom, int r0,
      int r1) {
    for (int j = 0; j < cols; j += L) {
      VectorMask<Float> m = F.indexInRange(0, cols - j);
      int r = r0;
      if (j + L <= wStride) {
        // whole vectors inside the (padded) weight rows: four rows at a time, four independent chains of adds
        for (; r + 4 <= r1; r += 4) {
          rowSets4(w, wStride, j, idx, from, to, bias, dst, dstFrom, r, cols);
        }
      }
      for (; r < r1; r++) {
        FloatVector a = FloatVector.fromArray(F, bias, j, m);
        for (int k = from[r], e = to[r]; k < e; k++) {
          a = a.add(FloatVector.fromArray(F, w, idx[k] * wStride + j, m));
        }
        a.intoArray(dst, dstFrom + r * cols + j, m);
      }
    }
  }

  /** Rows {@code r .. r+3} of {@link #sumRowSets} at column {@code j}, unmasked reads of the weights. */
  private static void rowSets4(
      float[] w, int wStride, int j, int[] idx, int[] from, int[] to, float[] bias, float[] dst, int dstFrom, int r,
      int cols) {
    // the mask is made here, not passed: a vector or mask handed to a call that is not inlined gets boxed
    VectorMask<Float> m = F.indexInRange(0, cols - j);
    FloatVector a0 = FloatVector.fromArray(F, bias, j, m);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int k0 = from[r];
    int k1 = from[r + 1];
    int k2 = from[r + 2];
    int k3 = from[r + 3];
    int e0 = to[r];
    int e1 = to[r + 1];
    int e2 = to[r + 2];
    int e3 = to[r + 3];
    int n = Math.min(Math.min(e0 - k0, e1 - k1), Math.min(e2 - k2, e3 - k3));
    for (int q = 0; q < n; q++) {
      a0 = a0.add(FloatVector.fromArray(F, w, idx[k0 + q] * wStride + j));
      a1 = a1.add(FloatVector.fromArray(F, w, idx[k1 + q] * wStride + j));
      a2 = a2.add(FloatVector.fromArray(F, w, idx[k2 + q] * wStride + j));
      a3 = a3.add(FloatVector.fromArray(F, w, idx[k3 + q] * wStride + j));
    }
    // the rest of each row; two rows at a time while both have some
    k0 += n;
    k1 += n;
    k2 += n;
    k3 += n;
    for (; k0 < e0 && k1 < e1; k0++, k1++) {
      a0 = a0.add(FloatVector.fromArray(F, w, idx[k0] * wStride + j));
      a1 = a1.add(FloatVector.fromArray(F, w, idx[k1] * wStride + j));
    }
    for (; k2 < e2 && k3 < e3; k2++, k3++) {
      a2 = a2.add(FloatVector.fromArray(F, w, idx[k2] * wStride + j));
      a3 = a3.add(FloatVector.fromArray(F, w, idx[k3] * wStride + j));
    }
    for (; k0 < e0; k0++) {
      a0 = a0.add(FloatVector.fromArray(F, w, idx[k0] * wStride + j));
    }
    for (; k1 < e1; k1++) {
      a1 = a1.add(FloatVector.fromArray(F, w, idx[k1] * wStride + j));
    }
    for (; k2 < e2; k2++) {
      a2 = a2.add(FloatVector.fromArray(F, w, idx[k2] * wStride + j));
    }
    for (; k3 < e3; k3++) {
      a3 = a3.add(FloatVector.fromArray(F, w, idx[k3] * wStride + j));
    }
    int d = dstFrom + r * cols + j;
    if (j + L <= cols) {
      a0.intoArray(dst, d);
      a1.intoArray(dst, d + cols);
      a2.intoArray(dst, d + 2 * cols);
      a3.intoArray(dst, d + 3 * cols);
    } else {
      a0.intoArray(dst, d, m);
      a1.intoArray(dst, d + cols, m);
      a2.intoArray(dst, d + 2 * cols, m);
      a3.intoArray(dst, d + 3 * cols, m);
    }
  }

  @Override
  public void combineRows(
      float[] coef, int coefFrom, int n, float[] rows, int rowStride, float[] dst, int dstFrom, int len) {
    // four vectors of the result stay in registers over all the rows (the plain form, one axpy per row, read and
    // wrote the result once per row)
    int i = 0;
    for (; i + 4 * L <= len; i += 4 * L) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int j = 0; j < n; j++) {
        float c = coef[coefFrom + j];
        if (c != 0f) {
          int at = j * rowStride + i;
          a0 = a0.add(FloatVector.fromArray(F, rows, at).mul(c));
          a1 = a1.add(FloatVector.fromArray(F, rows, at + L).mul(c));
          a2 = a2.add(FloatVector.fromArray(F, rows, at + 2 * L).mul(c));
          a3 = a3.add(FloatVector.fromArray(F, rows, at + 3 * L).mul(c));
        }
      }
      a0.intoArray(dst, dstFrom + i);
      a1.intoArray(dst, dstFrom + i + L);
      a2.intoArray(dst, dstFrom + i + 2 * L);
      a3.intoArray(dst, dstFrom + i + 3 * L);
    }
    for (; i + L <= len; i += L) {
      FloatVector a = FloatVector.zero(F);
      for (int j = 0; j < n; j++) {
        float c = coef[coefFrom + j];
        if (c != 0f) {
          a = a.add(FloatVector.fromArray(F, rows, j * rowStride + i).mul(c));
        }
      }
      a.intoArray(dst, dstFrom + i);
    }
    if (i < len) {
      VectorMask<Float> m = F.indexInRange(i, len);
      FloatVector a = FloatVector.zero(F);
      for (int j = 0; j < n; j++) {
        float c = coef[coefFrom + j];
        if (c != 0f) {
          a = a.add(FloatVector.fromArray(F, rows, j * rowStride + i, m).mul(c));
        }
      }
      a.intoArray(dst, dstFrom + i, m);
    }
  }

  @Override
  public void sumStepGroups(
      float[] w, int wFrom, int cols, int[] idx, int[] groupStart, int at, int k, float[] bias, int biasFrom,
      float[] dst, int dstFrom, int dstStride, int colFrom, int colTo) {
    checkGroupSteps(k);
    // Column blocks of 5 vectors: the five steps' sums (25 registers) and one group's row (5) stay in registers, so
    // a group row is never stored (4 + 4 + 2 vectors for a 160-column block measured 8% slower on inference than
    // 5 + 5); then blocks of 2, then masked single vectors for the tail. JDK 17 keeps the 5-vector passes here too:
    // a standalone loop found them 10-30% faster there than passes of 2 (JDK 17 is 3-4x slower either way).
    int j = colFrom;
    for (; j + 5 * L <= colTo; j += 5 * L) {
      stepGroups5(w, wFrom + j, cols, idx, groupStart, at, k, bias, biasFrom + j, dst, dstFrom + j, dstStride);
    }
    for (; j + 2 * L <= colTo; j += 2 * L) {
      stepGroups2(w, wFrom + j, cols, idx, groupStart, at, k, bias, biasFrom + j, dst, dstFrom + j, dstStride);
    }
    for (; j < colTo; j += L) {
      VectorMask<Float> m = j + L <= colTo ? F.maskAll(true) : F.indexInRange(0, colTo - j);
      stepGroups1(w, wFrom + j, cols, idx, groupStart, at, k, bias, biasFrom + j, dst, dstFrom + j, dstStride, m);
    }
  }

  /** One pass of {@link #sumStepGroups} over 5 vectors of columns (30 registers). */
  private static void stepGroups5(
      float[] w, int wFrom, int cols, int[] idx, int[] groupStart, int at, int k, float[] bias, int biasFrom,
      float[] dst, int d, int stride) {
    FloatVector b0 = FloatVector.fromArray(F, bias, biasFrom);
    FloatVector b1 = FloatVector.fromArray(F, bias, biasFrom + L);
    FloatVector b2 = FloatVector.fromArray(F, bias, biasFrom + 2 * L);
    FloatVector b3 = FloatVector.fromArray(F, bias, biasFrom + 3 * L);
    FloatVector b4 = FloatVector.fromArray(F, bias, biasFrom + 4 * L);
    FloatVector s00 = b0, s01 = b1, s02 = b2, s03 = b3, s04 = b4;
    FloatVector s10 = b0, s11 = b1, s12 = b2, s13 = b3, s14 = b4;
    FloatVector s20 = b0, s21 = b1, s22 = b2, s23 = b3, s24 = b4;
    FloatVector s30 = b0, s31 = b1, s32 = b2, s33 = b3, s34 = b4;
    FloatVector s40 = b0, s41 = b1, s42 = b2, s43 = b3, s44 = b4;
    FloatVector zero = FloatVector.zero(F);
    for (int g = 1; g < 1 << k; g++) {
      int from = groupStart[at + g - 1];
      int to = groupStart[at + g];
      if (from == to) {
        continue;
      }
      FloatVector g0 = zero, g1 = zero, g2 = zero, g3 = zero, g4 = zero;
      for (int m = from; m < to; m++) {
        int row = wFrom + idx[m] * cols;
        g0 = g0.add(FloatVector.fromArray(F, w, row));
        g1 = g1.add(FloatVector.fromArray(F, w, row + L));
        g2 = g2.add(FloatVector.fromArray(F, w, row + 2 * L));
        g3 = g3.add(FloatVector.fromArray(F, w, row + 3 * L));
        g4 = g4.add(FloatVector.fromArray(F, w, row + 4 * L));
      }
      if ((g & 1) != 0) {
        s00 = s00.add(g0); s01 = s01.add(g1); s02 = s02.add(g2); s03 = s03.add(g3); s04 = s04.add(g4);
      }
      if ((g & 2) != 0) {
        s10 = s10.add(g0); s11 = s11.add(g1); s12 = s12.add(g2); s13 = s13.add(g3); s14 = s14.add(g4);
      }
      if ((g & 4) != 0) {
        s20 = s20.add(g0); s21 = s21.add(g1); s22 = s22.add(g2); s23 = s23.add(g3); s24 = s24.add(g4);
      }
      if ((g & 8) != 0) {
        s30 = s30.add(g0); s31 = s31.add(g1); s32 = s32.add(g2); s33 = s33.add(g3); s34 = s34.add(g4);
      }
      if ((g & 16) != 0) {
        s40 = s40.add(g0); s41 = s41.add(g1); s42 = s42.add(g2); s43 = s43.add(g3); s44 = s44.add(g4);
      }
    }
    // The stores are written out: a helper taking the vectors as arguments was not inlined into this large method,
    // and boxing its arguments made inference 2× slower (bench-alternate).
    s00.intoArray(dst, d); s01.intoArray(dst, d + L); s02.intoArray(dst, d + 2 * L); s03.intoArray(dst, d + 3 * L);
    s04.intoArray(dst, d + 4 * L);
    if (k > 1) {
      int e = d + stride;
      s10.intoArray(dst, e); s11.intoArray(dst, e + L); s12.intoArray(dst, e + 2 * L); s13.intoArray(dst, e + 3 * L);
      s14.intoArray(dst, e + 4 * L);
    }
    if (k > 2) {
      int e = d + 2 * stride;
      s20.intoArray(dst, e); s21.intoArray(dst, e + L); s22.intoArray(dst, e + 2 * L); s23.intoArray(dst, e + 3 * L);
      s24.intoArray(dst, e + 4 * L);
    }
    if (k > 3) {
      int e = d + 3 * stride;
      s30.intoArray(dst, e); s31.intoArray(dst, e + L); s32.intoArray(dst, e + 2 * L); s33.intoArray(dst, e + 3 * L);
      s34.intoArray(dst, e + 4 * L);
    }
    if (k > 4) {
      int e = d + 4 * stride;
      s40.intoArray(dst, e); s41.intoArray(dst, e + L); s42.intoArray(dst, e + 2 * L); s43.intoArray(dst, e + 3 * L);
      s44.intoArray(dst, e + 4 * L);
    }
  }

  /** {@link #stepGroups5} for 2 vectors of columns. */
  private static void stepGroups2(
      float[] w, int wFrom, int cols, int[] idx, int[] groupStart, int at, int k, float[] bias, int biasFrom,
      float[] dst, int d, int stride) {
    FloatVector b0 = FloatVector.fromArray(F, bias, biasFrom);
    FloatVector b1 = FloatVector.fromArray(F, bias, biasFrom + L);
    FloatVector s00 = b0, s01 = b1, s10 = b0, s11 = b1, s20 = b0, s21 = b1, s30 = b0, s31 = b1, s40 = b0, s41 = b1;
    FloatVector zero = FloatVector.zero(F);
    for (int g = 1; g < 1 << k; g++) {
      int from = groupStart[at + g - 1];
      int to = groupStart[at + g];
      if (from == to) {
        continue;
      }
      FloatVector g0 = zero, g1 = zero;
      for (int m = from; m < to; m++) {
        int row = wFrom + idx[m] * cols;
        g0 = g0.add(FloatVector.fromArray(F, w, row));
        g1 = g1.add(FloatVector.fromArray(F, w, row + L));
      }
      if ((g & 1) != 0) {
        s00 = s00.add(g0); s01 = s01.add(g1);
      }
      if ((g & 2) != 0) {
        s10 = s10.add(g0); s11 = s11.add(g1);
      }
      if ((g & 4) != 0) {
        s20 = s20.add(g0); s21 = s21.add(g1);
      }
      if ((g & 8) != 0) {
        s30 = s30.add(g0); s31 = s31.add(g1);
      }
      if ((g & 16) != 0) {
        s40 = s40.add(g0); s41 = s41.add(g1);
      }
    }
    s00.intoArray(dst, d); s01.intoArray(dst, d + L);
    if (k > 1) {
      s10.intoArray(dst, d + stride); s11.intoArray(dst, d + stride + L);
    }
    if (k > 2) {
      s20.intoArray(dst, d + 2 * stride); s21.intoArray(dst, d + 2 * stride + L);
    }
    if (k > 3) {
      s30.intoArray(dst, d + 3 * stride); s31.intoArray(dst, d + 3 * stride + L);
    }
    if (k > 4) {
      s40.intoArray(dst, d + 4 * stride); s41.intoArray(dst, d + 4 * stride + L);
    }
  }

  /** {@link #stepGroups5} for one vector of columns, those of {@code m} (the tail). */
  private static void stepGroups1(
      float[] w, int wFrom, int cols, int[] idx, int[] groupStart, int at, int k, float[] bias, int biasFrom,
      float[] dst, int d, int stride, VectorMask<Float> m) {
    FloatVector b = FloatVector.fromArray(F, bias, biasFrom, m);
    FloatVector s0 = b, s1 = b, s2 = b, s3 = b, s4 = b;
    for (int g = 1; g < 1 << k; g++) {
      int from = groupStart[at + g - 1];
      int to = groupStart[at + g];
      if (from == to) {
        continue;
      }
      FloatVector sum = FloatVector.zero(F);
      for (int i = from; i < to; i++) {
        sum = sum.add(FloatVector.fromArray(F, w, wFrom + idx[i] * cols, m));
      }
      s0 = (g & 1) != 0 ? s0.add(sum) : s0;
      s1 = (g & 2) != 0 ? s1.add(sum) : s1;
      s2 = (g & 4) != 0 ? s2.add(sum) : s2;
      s3 = (g & 8) != 0 ? s3.add(sum) : s3;
      s4 = (g & 16) != 0 ? s4.add(sum) : s4;
    }
    s0.intoArray(dst, d, m);
    if (k > 1) {
      s1.intoArray(dst, d + stride, m);
    }
    if (k > 2) {
      s2.intoArray(dst, d + 2 * stride, m);
    }
    if (k > 3) {
      s3.intoArray(dst, d + 3 * stride, m);
    }
    if (k > 4) {
      s4.intoArray(dst, d + 4 * stride, m);
    }
  }

  @Override
  public void packBits(byte[] src, int from, int n, long[] dst, int dstWord) {
    // One compare per BL bytes (BL divides 64): its lane mask is BL bits of the word.
    long word = 0;
    int i = 0;
    for (int bound = B.loopBound(n); i < bound; i += BL) {
      word |= ByteVector.fromArray(B, src, from + i).compare(VectorOperators.NE, (byte) 0).toLong() << i;
      if (((i + BL) & 63) == 0) {
        dst[dstWord + (i >>> 6)] = word;
        word = 0;
      }
    }
    for (; i < n; i++) {
      if (src[from + i] != 0) {
        word |= 1L << i;
      }
    }
    if ((n & 63) != 0) {
      dst[dstWord + (n >>> 6)] = word;
    }
  }

  @Override
  public void adamStep(
      float[] w, float[] g, float[] m, float[] v, int from, int to, float oneMinusBeta1, float beta2,
      float oneMinusBeta2, float stepSize, float bc2Sqrt, float eps) {
    // Same operations in the same order as the scalar twin, no FMA: sqrt and division are correctly rounded in
    // both, so the update is bit-identical.
    int i = from;
    for (int bound = from + F.loopBound(to - from); i < bound; i += L) {
      FloatVector gi = FloatVector.fromArray(F, g, i);
      FloatVector mi = FloatVector.fromArray(F, m, i);
      mi = mi.add(gi.sub(mi).mul(oneMinusBeta1));
      FloatVector vi = FloatVector.fromArray(F, v, i).mul(beta2).add(gi.mul(oneMinusBeta2).mul(gi));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector denom = vi.sqrt().div(bc2Sqrt).add(eps);
      FloatVector wi = FloatVector.fromArray(F, w, i);
      wi.sub(mi.mul(stepSize).div(denom)).intoArray(w, i);
    }
    for (; i < to; i++) {
      float gi = g[i];
      m[i] += oneMinusBeta1 * (gi - m[i]);
      v[i] = beta2 * v[i] + oneMinusBeta2 * gi * gi;
      float denom = (float) Math.sqrt(v[i]) / bc2Sqrt + eps;
      w[i] -= stepSize * m[i] / denom;
    }
  }

  @Override
  public void gemm(float[] a, float[] b, float[] c, int rowFrom, int rowTo, int k, int n) {
    // Register block of 4 rows × 3 vectors (12 accumulators) over the whole depth k: per p, 3 loads of b, 4
    // broadcasts of a and 12 FMAs. The b strip (k × 3 vectors) stays in L2 while all row blocks pass over it. Rows
    // and columns that do not fill a block go through narrower blocks, then a scalar tail; every element is still
    // one fma chain in ascending p, as in the scalar twin.
    int w3 = 3 * L;
    int j = 0;
    for (; j + w3 <= n; j += w3) {
      int i = rowFrom;
      for (; i + 4 <= rowTo; i += 4) {
        gemm4x3(a, b, c, i, j, k, n);
      }
      for (; i < rowTo; i++) {
        for (int v = 0; v < 3; v++) {
          gemmRowVector(a, b, c, i, j + v * L, k, n);
        }
      }
    }
    // two vectors left (n = 32 at 512 bits: a conv layer's filters): 6 rows × 2 vectors; one left: 8 rows × 1 vector
    for (; j + 2 * L <= n; j += 2 * L) {
      int i = rowFrom;
      for (; i + 6 <= rowTo; i += 6) {
        gemm6x2(a, b, c, i, j, k, n);
      }
      for (; i < rowTo; i++) {
        gemmRowVector(a, b, c, i, j, k, n);
        gemmRowVector(a, b, c, i, j + L, k, n);
      }
    }
    for (; j + L <= n; j += L) {
      int i = rowFrom;
      for (; i + 8 <= rowTo; i += 8) {
        gemm8x1(a, b, c, i, j, k, n);
      }
      for (; i < rowTo; i++) {
        gemmRowVector(a, b, c, i, j, k, n);
      }
    }
    for (; j < n; j++) {
      for (int i = rowFrom; i < rowTo; i++) {
        float s = c[i * n + j];
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[i * k + p], b[p * n + j], s);
        }
        c[i * n + j] = s;
      }
    }
  }

  private static void gemm4x3(float[] a, float[] b, float[] c, int i, int j, int k, int n) {
    int c0 = i * n + j;
    int c1 = c0 + n;
    int c2 = c1 + n;
    int c3 = c2 + n;
    FloatVector s00 = FloatVector.fromArray(F, c, c0);
    FloatVector s01 = FloatVector.fromArray(F, c, c0 + L);
    FloatVector s02 = FloatVector.fromArray(F, c, c0 + 2 * L);
    FloatVector s10 = FloatVector.fromArray(F, c, c1);
    FloatVector s11 = FloatVector.fromArray(F, c, c1 + L);
    FloatVector s12 = FloatVector.fromArray(F, c, c1 + 2 * L);
    FloatVector s20 = FloatVector.fromArray(F, c, c2);
    FloatVector s21 = FloatVector.fromArray(F, c, c2 + L);
    FloatVector s22 = FloatVector.fromArray(F, c, c2 + 2 * L);
    FloatVector s30 = FloatVector.fromArray(F, c, c3);
    FloatVector s31 = FloatVector.fromArray(F, c, c3 + L);
    FloatVector s32 = FloatVector.fromArray(F, c, c3 + 2 * L);
    int a0 = i * k;
    int a1 = a0 + k;
    int a2 = a1 + k;
    int a3 = a2 + k;
    for (int p = 0; p < k; p++) {
      int bp = p * n + j;
      FloatVector b0 = FloatVector.fromArray(F, b, bp);
      FloatVector b1 = FloatVector.fromArray(F, b, bp + L);
      FloatVector b2 = FloatVector.fromArray(F, b, bp + 2 * L);
      FloatVector x = FloatVector.broadcast(F, a[a0 + p]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      s02 = x.fma(b2, s02);
      x = FloatVector.broadcast(F, a[a1 + p]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      s12 = x.fma(b2, s12);
      x = FloatVector.broadcast(F, a[a2 + p]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      s22 = x.fma(b2, s22);
      x = FloatVector.broadcast(F, a[a3 + p]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      s32 = x.fma(b2, s32);
    }
    s00.intoArray(c, c0);
    s01.intoArray(c, c0 + L);
    s02.intoArray(c, c0 + 2 * L);
    s10.intoArray(c, c1);
    s11.intoArray(c, c1 + L);
    s12.intoArray(c, c1 + 2 * L);
    s20.intoArray(c, c2);
    s21.intoArray(c, c2 + L);
    s22.intoArray(c, c2 + 2 * L);
    s30.intoArray(c, c3);
    s31.intoArray(c, c3 + L);
    s32.intoArray(c, c3 + 2 * L);
  }

  private static void gemm6x2(float[] a, float[] b, float[] c, int i, int j, int k, int n) {
    int c0 = i * n + j;
    FloatVector s00 = FloatVector.fromArray(F, c, c0);
    FloatVector s01 = FloatVector.fromArray(F, c, c0 + L);
    FloatVector s10 = FloatVector.fromArray(F, c, c0 + n);
    FloatVector s11 = FloatVector.fromArray(F, c, c0 + n + L);
    FloatVector s20 = FloatVector.fromArray(F, c, c0 + 2 * n);
    FloatVector s21 = FloatVector.fromArray(F, c, c0 + 2 * n + L);
    FloatVector s30 = FloatVector.fromArray(F, c, c0 + 3 * n);
    FloatVector s31 = FloatVector.fromArray(F, c, c0 + 3 * n + L);
    FloatVector s40 = FloatVector.fromArray(F, c, c0 + 4 * n);
    FloatVector s41 = FloatVector.fromArray(F, c, c0 + 4 * n + L);
    FloatVector s50 = FloatVector.fromArray(F, c, c0 + 5 * n);
    FloatVector s51 = FloatVector.fromArray(F, c, c0 + 5 * n + L);
    int a0 = i * k;
    for (int p = 0; p < k; p++) {
      int bp = p * n + j;
      FloatVector b0 = FloatVector.fromArray(F, b, bp);
      FloatVector b1 = FloatVector.fromArray(F, b, bp + L);
      FloatVector x = FloatVector.broadcast(F, a[a0 + p]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      x = FloatVector.broadcast(F, a[a0 + k + p]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      x = FloatVector.broadcast(F, a[a0 + 2 * k + p]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      x = FloatVector.broadcast(F, a[a0 + 3 * k + p]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      x = FloatVector.broadcast(F, a[a0 + 4 * k + p]);
      s40 = x.fma(b0, s40);
      s41 = x.fma(b1, s41);
      x = FloatVector.broadcast(F, a[a0 + 5 * k + p]);
      s50 = x.fma(b0, s50);
      s51 = x.fma(b1, s51);
    }
    s00.intoArray(c, c0);
    s01.intoArray(c, c0 + L);
    s10.intoArray(c, c0 + n);
    s11.intoArray(c, c0 + n + L);
    s20.intoArray(c, c0 + 2 * n);
    s21.intoArray(c, c0 + 2 * n + L);
    s30.intoArray(c, c0 + 3 * n);
    s31.intoArray(c, c0 + 3 * n + L);
    s40.intoArray(c, c0 + 4 * n);
    s41.intoArray(c, c0 + 4 * n + L);
    s50.intoArray(c, c0 + 5 * n);
    s51.intoArray(c, c0 + 5 * n + L);
  }

  private static void gemm8x1(float[] a, float[] b, float[] c, int i, int j, int k, int n) {
    int c0 = i * n + j;
    FloatVector s0 = FloatVector.fromArray(F, c, c0);
    FloatVector s1 = FloatVector.fromArray(F, c, c0 + n);
    FloatVector s2 = FloatVector.fromArray(F, c, c0 + 2 * n);
    FloatVector s3 = FloatVector.fromArray(F, c, c0 + 3 * n);
    FloatVector s4 = FloatVector.fromArray(F, c, c0 + 4 * n);
    FloatVector s5 = FloatVector.fromArray(F, c, c0 + 5 * n);
    FloatVector s6 = FloatVector.fromArray(F, c, c0 + 6 * n);
    FloatVector s7 = FloatVector.fromArray(F, c, c0 + 7 * n);
    int a0 = i * k;
    for (int p = 0; p < k; p++) {
      FloatVector b0 = FloatVector.fromArray(F, b, p * n + j);
      s0 = FloatVector.broadcast(F, a[a0 + p]).fma(b0, s0);
      s1 = FloatVector.broadcast(F, a[a0 + k + p]).fma(b0, s1);
      s2 = FloatVector.broadcast(F, a[a0 + 2 * k + p]).fma(b0, s2);
      s3 = FloatVector.broadcast(F, a[a0 + 3 * k + p]).fma(b0, s3);
      s4 = FloatVector.broadcast(F, a[a0 + 4 * k + p]).fma(b0, s4);
      s5 = FloatVector.broadcast(F, a[a0 + 5 * k + p]).fma(b0, s5);
      s6 = FloatVector.broadcast(F, a[a0 + 6 * k + p]).fma(b0, s6);
      s7 = FloatVector.broadcast(F, a[a0 + 7 * k + p]).fma(b0, s7);
    }
    s0.intoArray(c, c0);
    s1.intoArray(c, c0 + n);
    s2.intoArray(c, c0 + 2 * n);
    s3.intoArray(c, c0 + 3 * n);
    s4.intoArray(c, c0 + 4 * n);
    s5.intoArray(c, c0 + 5 * n);
    s6.intoArray(c, c0 + 6 * n);
    s7.intoArray(c, c0 + 7 * n);
  }

  private static void gemmRowVector(float[] a, float[] b, float[] c, int i, int j, int k, int n) {
    FloatVector s = FloatVector.fromArray(F, c, i * n + j);
    for (int p = 0; p < k; p++) {
      s = FloatVector.broadcast(F, a[i * k + p]).fma(FloatVector.fromArray(F, b, p * n + j), s);
    }
    s.intoArray(c, i * n + j);
  }

  /** Eight vectors of columns held in registers across all selected rows. */
  private static void accumulate8(
      float[] w, int cols, int[] active, int from, int to, float[] dst, int d, int j) {
    FloatVector a0 = FloatVector.fromArray(F, dst, d);
    FloatVector a1 = FloatVector.fromArray(F, dst, d + L);
    FloatVector a2 = FloatVector.fromArray(F, dst, d + 2 * L);
    FloatVector a3 = FloatVector.fromArray(F, dst, d + 3 * L);
    FloatVector a4 = FloatVector.fromArray(F, dst, d + 4 * L);
    FloatVector a5 = FloatVector.fromArray(F, dst, d + 5 * L);
    FloatVector a6 = FloatVector.fromArray(F, dst, d + 6 * L);
    FloatVector a7 = FloatVector.fromArray(F, dst, d + 7 * L);
    for (int k = from; k < to; k++) {
      int row = active[k] * cols + j;
      a0 = a0.add(FloatVector.fromArray(F, w, row));
      a1 = a1.add(FloatVector.fromArray(F, w, row + L));
      a2 = a2.add(FloatVector.fromArray(F, w, row + 2 * L));
      a3 = a3.add(FloatVector.fromArray(F, w, row + 3 * L));
      a4 = a4.add(FloatVector.fromArray(F, w, row + 4 * L));
      a5 = a5.add(FloatVector.fromArray(F, w, row + 5 * L));
      a6 = a6.add(FloatVector.fromArray(F, w, row + 6 * L));
      a7 = a7.add(FloatVector.fromArray(F, w, row + 7 * L));
    }
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + L);
    a2.intoArray(dst, d + 2 * L);
    a3.intoArray(dst, d + 3 * L);
    a4.intoArray(dst, d + 4 * L);
    a5.intoArray(dst, d + 5 * L);
    a6.intoArray(dst, d + 6 * L);
    a7.intoArray(dst, d + 7 * L);
  }
  /** {@link #accumulate8} with 10 vectors: a block of 160 columns at 512 bits, 800 = 5 blocks. */
  private static void accumulate10(
      float[] w, int cols, int[] active, int from, int to, float[] dst, int d, int j) {
    FloatVector a0 = FloatVector.fromArray(F, dst, d);
    FloatVector a1 = FloatVector.fromArray(F, dst, d + L);
    FloatVector a2 = FloatVector.fromArray(F, dst, d + 2 * L);
    FloatVector a3 = FloatVector.fromArray(F, dst, d + 3 * L);
    FloatVector a4 = FloatVector.fromArray(F, dst, d + 4 * L);
    FloatVector a5 = FloatVector.fromArray(F, dst, d + 5 * L);
    FloatVector a6 = FloatVector.fromArray(F, dst, d + 6 * L);
    FloatVector a7 = FloatVector.fromArray(F, dst, d + 7 * L);
    FloatVector a8 = FloatVector.fromArray(F, dst, d + 8 * L);
    FloatVector a9 = FloatVector.fromArray(F, dst, d + 9 * L);
    for (int k = from; k < to; k++) {
      int row = active[k] * cols + j;
      a0 = a0.add(FloatVector.fromArray(F, w, row));
      a1 = a1.add(FloatVector.fromArray(F, w, row + L));
      a2 = a2.add(FloatVector.fromArray(F, w, row + 2 * L));
      a3 = a3.add(FloatVector.fromArray(F, w, row + 3 * L));
      a4 = a4.add(FloatVector.fromArray(F, w, row + 4 * L));
      a5 = a5.add(FloatVector.fromArray(F, w, row + 5 * L));
      a6 = a6.add(FloatVector.fromArray(F, w, row + 6 * L));
      a7 = a7.add(FloatVector.fromArray(F, w, row + 7 * L));
      a8 = a8.add(FloatVector.fromArray(F, w, row + 8 * L));
      a9 = a9.add(FloatVector.fromArray(F, w, row + 9 * L));
    }
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + L);
    a2.intoArray(dst, d + 2 * L);
    a3.intoArray(dst, d + 3 * L);
    a4.intoArray(dst, d + 4 * L);
    a5.intoArray(dst, d + 5 * L);
    a6.intoArray(dst, d + 6 * L);
    a7.intoArray(dst, d + 7 * L);
    a8.intoArray(dst, d + 8 * L);
    a9.intoArray(dst, d + 9 * L);
  }


  /** {@link #accumulate8} subtracting. */
  private static void deduct8(
      float[] w, int cols, int[] active, int from, int to, float[] dst, int d, int j) {
    FloatVector a0 = FloatVector.fromArray(F, dst, d);
    FloatVector a1 = FloatVector.fromArray(F, dst, d + L);
    FloatVector a2 = FloatVector.fromArray(F, dst, d + 2 * L);
    FloatVector a3 = FloatVector.fromArray(F, dst, d + 3 * L);
    FloatVector a4 = FloatVector.fromArray(F, dst, d + 4 * L);
    FloatVector a5 = FloatVector.fromArray(F, dst, d + 5 * L);
    FloatVector a6 = FloatVector.fromArray(F, dst, d + 6 * L);
    FloatVector a7 = FloatVector.fromArray(F, dst, d + 7 * L);
    for (int k = from; k < to; k++) {
      int row = active[k] * cols + j;
      a0 = a0.sub(FloatVector.fromArray(F, w, row));
      a1 = a1.sub(FloatVector.fromArray(F, w, row + L));
      a2 = a2.sub(FloatVector.fromArray(F, w, row + 2 * L));
      a3 = a3.sub(FloatVector.fromArray(F, w, row + 3 * L));
      a4 = a4.sub(FloatVector.fromArray(F, w, row + 4 * L));
      a5 = a5.sub(FloatVector.fromArray(F, w, row + 5 * L));
      a6 = a6.sub(FloatVector.fromArray(F, w, row + 6 * L));
      a7 = a7.sub(FloatVector.fromArray(F, w, row + 7 * L));
    }
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + L);
    a2.intoArray(dst, d + 2 * L);
    a3.intoArray(dst, d + 3 * L);
    a4.intoArray(dst, d + 4 * L);
    a5.intoArray(dst, d + 5 * L);
    a6.intoArray(dst, d + 6 * L);
    a7.intoArray(dst, d + 7 * L);
  }
  /** {@link #deduct8} with 10 vectors. */
  private static void deduct10(
      float[] w, int cols, int[] active, int from, int to, float[] dst, int d, int j) {
    FloatVector a0 = FloatVector.fromArray(F, dst, d);
    FloatVector a1 = FloatVector.fromArray(F, dst, d + L);
    FloatVector a2 = FloatVector.fromArray(F, dst, d + 2 * L);
    FloatVector a3 = FloatVector.fromArray(F, dst, d + 3 * L);
    FloatVector a4 = FloatVector.fromArray(F, dst, d + 4 * L);
    FloatVector a5 = FloatVector.fromArray(F, dst, d + 5 * L);
    FloatVector a6 = FloatVector.fromArray(F, dst, d + 6 * L);
    FloatVector a7 = FloatVector.fromArray(F, dst, d + 7 * L);
    FloatVector a8 = FloatVector.fromArray(F, dst, d + 8 * L);
    FloatVector a9 = FloatVector.fromArray(F, dst, d + 9 * L);
    for (int k = from; k < to; k++) {
      int row = active[k] * cols + j;
      a0 = a0.sub(FloatVector.fromArray(F, w, row));
      a1 = a1.sub(FloatVector.fromArray(F, w, row + L));
      a2 = a2.sub(FloatVector.fromArray(F, w, row + 2 * L));
      a3 = a3.sub(FloatVector.fromArray(F, w, row + 3 * L));
      a4 = a4.sub(FloatVector.fromArray(F, w, row + 4 * L));
      a5 = a5.sub(FloatVector.fromArray(F, w, row + 5 * L));
      a6 = a6.sub(FloatVector.fromArray(F, w, row + 6 * L));
      a7 = a7.sub(FloatVector.fromArray(F, w, row + 7 * L));
      a8 = a8.sub(FloatVector.fromArray(F, w, row + 8 * L));
      a9 = a9.sub(FloatVector.fromArray(F, w, row + 9 * L));
    }
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + L);
    a2.intoArray(dst, d + 2 * L);
    a3.intoArray(dst, d + 3 * L);
    a4.intoArray(dst, d + 4 * L);
    a5.intoArray(dst, d + 5 * L);
    a6.intoArray(dst, d + 6 * L);
    a7.intoArray(dst, d + 7 * L);
    a8.intoArray(dst, d + 8 * L);
    a9.intoArray(dst, d + 9 * L);
  }


  @Override
  public void add(float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(F, dst, dstFrom + i)
          .add(FloatVector.fromArray(F, src, srcFrom + i))
          .intoArray(dst, dstFrom + i);
    }
    for (; i < n; i++) {
      dst[dstFrom + i] += src[srcFrom + i];
    }
  }


  @Override
  public void axpy(float alpha, float[] src, int srcFrom, float[] dst, int dstFrom, int n) {
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(F, src, srcFrom + i)
          .mul(alpha)
          .add(FloatVector.fromArray(F, dst, dstFrom + i))
          .intoArray(dst, dstFrom + i);
    }
    for (; i < n; i++) {
      dst[dstFrom + i] += alpha * src[srcFrom + i];
    }
  }

  @Override
  public void sumScaledRowSets(
      float[] w, int cols, int[] idx, float[] coef, int[] from, int[] to, float[] start, float[] dst, int dstFrom,
      int r0, int r1) {
    // as sumRowSets: a column vector at a time, four rows at once so that their chains of adds overlap; each row's
    // terms are added in its own order, so the split changes no bit
    for (int j = 0; j < cols; j += L) {
      VectorMask<Float> m = F.indexInRange(0, cols - j);
      int r = r0;
      if (j + L <= cols) {
        for (; r + 4 <= r1; r += 4) {
          scaledRowSets4(w, cols, j, idx, coef, from, to, start, dst, dstFrom, r);
        }
      }
      for (; r < r1; r++) {
        FloatVector a = FloatVector.fromArray(F, start, j, m);
        for (int k = from[r], e = to[r]; k < e; k++) {
          a = a.add(FloatVector.fromArray(F, w, idx[k] * cols + j, m).mul(coef[k]));
        }
        a.intoArray(dst, dstFrom + r * cols + j, m);
      }
    }
  }

  /** Rows {@code r .. r+3} of {@link #sumScaledRowSets} at column {@code j}, a whole vector inside the rows. */
  private static void scaledRowSets4(float[] w, int cols, int j, int[] idx, float[] coef, int[] from, int[] to,
      float[] start, float[] dst, int dstFrom, int r) {
    FloatVector a0 = FloatVector.fromArray(F, start, j);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int k0 = from[r];
    int k1 = from[r + 1];
    int k2 = from[r + 2];
    int k3 = from[r + 3];
    int e0 = to[r];
    int e1 = to[r + 1];
    int e2 = to[r + 2];
    int e3 = to[r + 3];
    int n = Math.min(Math.min(e0 - k0, e1 - k1), Math.min(e2 - k2, e3 - k3));
    for (int q = 0; q < n; q++) {
      a0 = a0.add(FloatVector.fromArray(F, w, idx[k0 + q] * cols + j).mul(coef[k0 + q]));
      a1 = a1.add(FloatVector.fromArray(F, w, idx[k1 + q] * cols + j).mul(coef[k1 + q]));
      a2 = a2.add(FloatVector.fromArray(F, w, idx[k2 + q] * cols + j).mul(coef[k2 + q]));
      a3 = a3.add(FloatVector.fromArray(F, w, idx[k3 + q] * cols + j).mul(coef[k3 + q]));
    }
    k0 += n;
    k1 += n;
    k2 += n;
    k3 += n;
    for (; k0 < e0; k0++) {
      a0 = a0.add(FloatVector.fromArray(F, w, idx[k0] * cols + j).mul(coef[k0]));
    }
    for (; k1 < e1; k1++) {
      a1 = a1.add(FloatVector.fromArray(F, w, idx[k1] * cols + j).mul(coef[k1]));
    }
    for (; k2 < e2; k2++) {
      a2 = a2.add(FloatVector.fromArray(F, w, idx[k2] * cols + j).mul(coef[k2]));
    }
    for (; k3 < e3; k3++) {
      a3 = a3.add(FloatVector.fromArray(F, w, idx[k3] * cols + j).mul(coef[k3]));
    }
    int d = dstFrom + r * cols + j;
    a0.intoArray(dst, d);
    a1.intoArray(dst, d + cols);
    a2.intoArray(dst, d + 2 * cols);
    a3.intoArray(dst, d + 3 * cols);
  }



  @Override
  public void accumulateRowSets(
      float[] w, int cols, int[] idx, float[] coef, int[] from, int[] to, float[] dst, int dstFrom, int r0, int r1) {
    // a column vector at a time; two rows at once so that their chains of adds overlap (each row keeps its order)
    for (int j = 0; j < cols; j += L) {
      VectorMask<Float> m = F.indexInRange(0, cols - j);
      int r = r0;
      if (j + L <= cols) {
        for (; r + 2 <= r1; r += 2) {
          int d = dstFrom + r * cols + j;
          FloatVector a0 = FloatVector.fromArray(F, dst, d);
          FloatVector a1 = FloatVector.fromArray(F, dst, d + cols);
          int k0 = from[r];
          int k1 = from[r + 1];
          int e0 = to[r];
          int e1 = to[r + 1];
          if (coef == null) {
            for (; k0 < e0 && k1 < e1; k0++, k1++) {
              a0 = a0.add(FloatVector.fromArray(F, w, idx[k0] * cols + j));
              a1 = a1.add(FloatVector.fromArray(F, w, idx[k1] * cols + j));
            }
            for (; k0 < e0; k0++) {
              a0 = a0.add(FloatVector.fromArray(F, w, idx[k0] * cols + j));
            }
            for (; k1 < e1; k1++) {
              a1 = a1.add(FloatVector.fromArray(F, w, idx[k1] * cols + j));
            }
          } else {
            for (; k0 < e0 && k1 < e1; k0++, k1++) {
              a0 = a0.add(FloatVector.fromArray(F, w, idx[k0] * cols + j).mul(coef[k0]));
              a1 = a1.add(FloatVector.fromArray(F, w, idx[k1] * cols + j).mul(coef[k1]));
            }
            for (; k0 < e0; k0++) {
              a0 = a0.add(FloatVector.fromArray(F, w, idx[k0] * cols + j).mul(coef[k0]));
            }
            for (; k1 < e1; k1++) {
              a1 = a1.add(FloatVector.fromArray(F, w, idx[k1] * cols + j).mul(coef[k1]));
            }
          }
          a0.intoArray(dst, d);
          a1.intoArray(dst, d + cols);
        }
      }
      for (; r < r1; r++) {
        int d = dstFrom + r * cols + j;
        FloatVector a = FloatVector.fromArray(F, dst, d, m);
        for (int k = from[r], e = to[r]; k < e; k++) {
          FloatVector v = FloatVector.fromArray(F, w, idx[k] * cols + j, m);
          a = a.add(coef == null ? v : v.mul(coef[k]));
        }
        a.intoArray(dst, d, m);
      }
    }
  }
}
