package org.snn4j.core.kernel;

/**
 * The numerical kernels of STBP training, as one abstract facade with two twins: {@link ScalarKernels} (plain Java,
 * the specification; every method's math is in its Javadoc here) and a Vector API twin. {@link #get()} picks the
 * twin once per JVM; see {@link KernelSelection}.
 *
 * <p>Layout conventions: tensors are time-major rows; a "row" is one (time step, sample) pair of {@code n} values.
 * Weights are row-major {@code [in][out]}, so an input's weight row is contiguous over the outputs. Arguments are
 * read-only unless their name starts with {@code dst}, {@code out} or says "in place".
 *
 * <p>Every kernel is elementwise or sums in a fixed order, so both twins give bit-identical results (same
 * operation order, no FMA contraction).
 */
public abstract class Kernels {

  /** The twin chosen for this JVM. */
  public static Kernels get() {
    return KernelSelection.Selected.KERNELS;
  }

  /** A short description, e.g. {@code scalar} or {@code vector-512}. */
  public abstract String describe();

  /**
   * First LIF step from rest, in place: {@code u[i] = current[i]} (already in {@code u}), spike {@code i} = {@code
   * u[i] - vth > 0}, for {@code i in [0, n)}. Spikes are bits: spike {@code i} is bit {@code i % 64} of {@code
   * spikes[sWord + i / 64]}; the kernel writes all {@code ceil(n / 64)} words, with zeros above bit {@code n}.
   */
  public abstract void lifFirstStep(float[] u, int uFrom, long[] spikes, int sWord, int n, float vth);

  /**
   * One LIF step, in place on the current: {@code u[i] = (prevU[i] - vth > 0 ? 0 : decay * prevU[i]) + u[i]}, then
   * spike {@code i} = {@code u[i] - vth > 0}, written as bits like {@link #lifFirstStep}.
   *
   * <p>The previous spike is recomputed from the previous membrane by the comparison that produced it, so no spike
   * is read. {@code decay * u * (1 - o)} equals the expression above for {@code o ∈ {0, 1}}: the branch avoids a
   * multiply by zero but adds the same value.
   */
  public abstract void lifStep(
      float[] prevU, int prevFrom, float[] u, int uFrom, long[] spikes, int sWord, int n, float decay, float vth);

  /** {@code out[i] = a[i] - c}: the surrogate's argument {@code z = u - vth}. */
  public abstract void subtract(float[] a, int aFrom, float c, float[] out, int outFrom, int n);

  /**
   * One reverse LIF step of STBP's backward pass. With {@code gu[t+1]} = {@code nextGu} (all zero at the last step,
   * pass {@code null}), {@code h = surrogate'(u[t] - vth)}, {@code go} = dLoss/do[t] from the layer above and the
   * spike {@code o[t] = u[t] - vth > 0} recomputed from the membrane:
   *
   * <pre>
   *   goTotal = go[i] + (detachReset ? 0 : nextGu[i] * (-decay * u[i]))      (through the reset of step t+1)
   *   out[i]  = goTotal * h[i] + (o[t] ? 0 : nextGu[i] * decay)               (dLoss/du[t])
   * </pre>
   */
  public abstract void lifBackwardStep(
      float[] go, int goFrom, float[] nextGu, int nextFrom, float[] u, int uFrom, float[] h, int hFrom, float[] out,
      int outFrom, int n, float decay, boolean detachReset, float vth);

  /**
   * {@link #lifBackwardStep} with a box surrogate fused in: {@code h[i] = Math.abs(u[i] - vth) < halfWidth ? height
   * : 0}, exactly what {@code SurrogateGradient.derivative} gives for a curve whose {@code isBox()} is true.
   */
  public abstract void lifBackwardStepBox(
      float[] go, int goFrom, float[] nextGu, int nextFrom, float[] u, int uFrom, float[] out, int outFrom, int n,
      float decay, boolean detachReset, float vth, float halfWidth, float height);

  /**
   * Event-driven sum of selected rows, over columns {@code [colFrom, colTo)}: per column {@code j}, starting from
   * {@code s = dst[dstFrom + j]}, {@code s += w[wFrom + idx[k] * cols + j]} for {@code k} ascending in {@code [addFrom,
   * addTo)}, then {@code s -= w[wFrom + idx[k] * cols + j]} for {@code k} ascending in {@code [subFrom, subTo)}, and
   * {@code dst[dstFrom + j] = s}.
   */
  public abstract void sumSelectedRows(
      float[] w, int wFrom, int cols, int[] idx, int addFrom, int addTo, int subFrom, int subTo, float[] dst,
      int dstFrom, int colFrom, int colTo);

  /** Most steps {@link #sumStepGroups} takes at once. */
  public static final int MAX_GROUP_STEPS = 5;

  /**
   * Step-group sums over columns {@code [colFrom, colTo)}, for {@code k} steps (1 to {@link #MAX_GROUP_STEPS}).
   * Group {@code g} (1 to 2^k - 1) lists rows {@code idx[m]} for {@code m} in {@code [groupStart[at + g - 1],
   * groupStart[at + g])}; its row is {@code G_g[j] = 0 + Σ_m w[wFrom + idx[m]·cols + j]}, rows in ascending m. Then,
   * per step {@code s < k}: {@code dst[dstFrom + s·dstStride + j] = bias[biasFrom + j] + Σ_g G_g[j]} over the
   * non-empty groups whose bit {@code s} is set, in ascending g.
   */
  public abstract void sumStepGroups(
      float[] w, int wFrom, int cols, int[] idx, int[] groupStart, int at, int k, float[] bias, int biasFrom,
      float[] dst, int dstFrom, int dstStride, int colFrom, int colTo);

  /** Rejects a step count {@link #sumStepGroups} cannot take. */
  protected static void checkGroupSteps(int k) {
    if (k < 1 || k > MAX_GROUP_STEPS) {
      throw new IllegalArgumentException("steps per group sum must be 1 to " + MAX_GROUP_STEPS + ", got " + k);
    }
  }

  /**
   * Adds one row to the rows its bits select: for each set bit {@code k} of {@code bits}, ascending, {@code
   * dst[(base + k)·dstStride + j] += src[srcFrom + j]} for {@code j in [0, cols)}. The weight gradient of a narrow
   * layer: a row of {@code dL/dI} added to the gradient rows of the inputs that spiked. With {@code dstStride >
   * cols} the elements of a row between {@code cols} and its stride are padding: they may be rewritten, with {@code
   * x + 0}, so that a vector twin needs no mask for them.
   */
  public abstract void addToRowsOfBits(
      float[] src, int srcFrom, long bits, int base, float[] dst, int dstStride, int cols);

  /**
   * The event-driven sums of a narrow layer, row by row: for each row {@code r in [r0, r1)} and {@code j in [0, cols)},
   * {@code dst[dstFrom + r·cols + j] = bias[j] + Σ_k w[idx[k]·wStride + j]} for {@code k} ascending in {@code [from[r],
   * to[r])}. The weights' rows may be padded ({@code wStride > cols}; any values): with a stride that is a multiple
   * of 16 the vector twin reads them without masks. It sums four rows at once, so that the adds of one row need not
   * wait for each other.
   */
  public abstract void sumRowSets(
      float[] w, int wStride, int cols, int[] idx, int[] from, int[] to, float[] bias, float[] dst, int dstFrom, int r0,
      int r1);

  /**
   * A combination of rows: {@code dst[dstFrom + i] = 0 + Σ_j coef[coefFrom + j]·rows[j·rowStride + i]} over the
   * {@code j in [0, n)} whose coefficient is not zero, ascending, each product rounded before it is added (no FMA),
   * for {@code i in [0, len)}. The input gradient of a layer: {@code dL/dx = Σ_j dL/dI[j]·Wᵀ[j]}.
   */
  public abstract void combineRows(
      float[] coef, int coefFrom, int n, float[] rows, int rowStride, float[] dst, int dstFrom, int len);

  /**
   * Whether {@code a[from, from + n)} holds anything but zeros: a value {@code != 0f}, so a NaN counts and {@code -0f}
   * does not. The weight gradient leaves out the rows of {@code dL/dI} that hold nothing.
   */
  public abstract boolean anyNonZero(float[] a, int from, int n);

  /**
   * A convolution's products without building its patch matrix ("implicit GEMM"): for each row {@code p in [p0, p1)}
   * and column {@code j in [0, n)}, {@code s = start[j]}, then for {@code tap in [0, taps)} and {@code c in [0, k)}
   * ascending {@code s = fma(v, w[(tap·k + c)·n + j], s)} with {@code v = x[xFrom + at + c]} where {@code at =
   * offsets[p·taps + tap] >= 0}, else {@code v = 0} (padding); then {@code dst[dstFrom + p·n + j] = s}. The same
   * bits as {@link #gemm} on the patch matrix (im2col) with {@code c} started from {@code start}.
   */
  public abstract void patchProducts(float[] x, int xFrom, int[] offsets, int taps, int k, float[] w, int n,
      float[] start, float[] dst, int dstFrom, int p0, int p1);

  /** {@link #patchProducts} for columns {@code [j0, j1)}, one element at a time: the spec, and the vector tail. */
  protected static void patchProductsIn(float[] x, int xFrom, int[] offsets, int taps, int k, float[] w, int n,
      float[] start, float[] dst, int dstFrom, int p0, int p1, int j0, int j1) {
    for (int p = p0; p < p1; p++) {
      for (int j = j0; j < j1; j++) {
        float s = start[j];
        for (int tap = 0; tap < taps; tap++) {
          int at = offsets[p * taps + tap];
          for (int c = 0; c < k; c++) {
            float v = at >= 0 ? x[xFrom + at + c] : 0f;
            s = Math.fma(v, w[(tap * k + c) * n + j], s);
          }
        }
        dst[dstFrom + p * n + j] = s;
      }
    }
  }

  /**
   * Column sums of a strided block: {@code dst[dstFrom + j] += src[from + j] + src[from + stride + j] + ...} over
   * {@code count} rows, added one at a time in row order, for {@code j in [0, width)}. A conv layer's bias gradient
   * sums a row's pixels this way.
   */
  public abstract void addColumnSums(float[] src, int from, int count, int stride, int width, float[] dst, int dstFrom);

  /** {@link #addColumnSums} for columns {@code [j0, j1)}, one at a time: the spec, and the vector twin's tail. */
  protected static void addColumnSumsIn(
      float[] src, int from, int count, int stride, int j0, int j1, float[] dst, int dstFrom) {
    for (int j = j0; j < j1; j++) {
      float s = dst[dstFrom + j];
      for (int k = 0, i = from + j; k < count; k++, i += stride) {
        s += src[i];
      }
      dst[dstFrom + j] = s;
    }
  }

  /**
   * How many of {@code a[from, from + n)} are not zero ({@code != 0f}: a NaN counts, {@code -0f} does not). A conv
   * layer counts an image's non-zero values to choose between its event-driven and dense paths.
   */
  public abstract int countNonZeros(float[] a, int from, int n);

  /** {@link #countNonZeros} over {@code a[from, to)}, one value at a time: the spec, and the vector twin's tail. */
  protected static int countNonZerosIn(float[] a, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      count += a[i] != 0f ? 1 : 0;
    }
    return count;
  }

  /** {@link #anyNonZero} over {@code a[from, to)}, one value at a time: the spec, and the vector twin's tail. */
  protected static boolean anyNonZeroIn(float[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0f) {
        return true;
      }
    }
    return false;
  }

  /** {@link #sumSelectedRows} with nothing to subtract: {@code dst[dstFrom + j] += Σ_k w[wFrom + active[k]·cols + j]}. */
  public final void addSelectedRows(
      float[] w, int wFrom, int cols, int[] active, int aFrom, int aTo, float[] dst, int dstFrom, int colFrom,
      int colTo) {
    sumSelectedRows(w, wFrom, cols, active, aFrom, aTo, aTo, aTo, dst, dstFrom, colFrom, colTo);
  }

  /**
   * Packs spike bytes into bits: bit {@code i % 64} of {@code dst[dstWord + i / 64]} is {@code src[from + i] != 0},
   * for {@code i in [0, n)}; writes all {@code ceil(n / 64)} words, with zeros above bit {@code n}.
   */
  public abstract void packBits(byte[] src, int from, int n, long[] dst, int dstWord);

  /**
   * One Adam update of {@code n} parameters, as PyTorch computes it:
   *
   * <pre>
   *   m += (1 - β1)·(g - m)        v = β2·v + (1 - β2)·g·g
   *   w -= stepSize · m / (sqrt(v) / bc2Sqrt + eps)
   * </pre>
   *
   * with {@code oneMinusBeta1 = 1 - β1}, {@code oneMinusBeta2 = 1 - β2} (as floats), {@code stepSize = lr / (1 -
   * β1^t)} and {@code bc2Sqrt = sqrt(1 - β2^t)}.
   */
  public abstract void adamStep(
      float[] w, float[] g, float[] m, float[] v, int from, int to, float oneMinusBeta1, float beta2,
      float oneMinusBeta2, float stepSize, float bc2Sqrt, float eps);

  /**
   * Dense product, accumulating: {@code c[i·n + j] = fma(a[i·k + p], b[p·n + j], c[i·n + j])} for {@code p} ascending
   * from 0 to {@code k}, for every {@code i in [rowFrom, rowTo)} and {@code j in [0, n)}. Row-major {@code a [m][k]},
   * {@code b [k][n]}, {@code c [m][n]}; each element's products are fused and summed in ascending {@code p}, so
   * both twins agree bit for bit.
   */
  public abstract void gemm(float[] a, float[] b, float[] c, int rowFrom, int rowTo, int k, int n);

  /** {@code dst[dstFrom + i] += src[srcFrom + i]} for {@code i in [0, n)}. */
  public abstract void add(float[] src, int srcFrom, float[] dst, int dstFrom, int n);


  /** {@code dst[dstFrom + i] += alpha * src[srcFrom + i]} (multiply then add, no FMA). */
  public abstract void axpy(float alpha, float[] src, int srcFrom, float[] dst, int dstFrom, int n);

  /**
   * Sums of scaled, selected rows, row by row: for each row {@code r in [r0, r1)} and {@code j in [0, cols)}, {@code
   * dst[dstFrom + r·cols + j] = start[j] + Σ_k coef[k]·w[idx[k]·cols + j]} for {@code k} ascending in {@code [from[r],
   * to[r])}, each product rounded before it is added (no FMA). The conv products with analog input (a row per output
   * pixel) and the conv input gradient (a row per input pixel, over transposed weights, from zeros).
   */
  public abstract void sumScaledRowSets(
      float[] w, int cols, int[] idx, float[] coef, int[] from, int[] to, float[] start, float[] dst, int dstFrom,
      int r0, int r1);

  /**
   * Adds scaled, selected rows to rows of {@code dst}, row by row: for each row {@code r in [r0, r1)} and {@code j in
   * [0, cols)}, starting from {@code s = dst[dstFrom + r·cols + j]}, {@code s += coef[k]·w[idx[k]·cols + j]} (each
   * product rounded, then added; with {@code coef} null, {@code s += w[idx[k]·cols + j]}) for {@code k} ascending in
   * {@code [from[r], to[r])}, then {@code dst[dstFrom + r·cols + j] = s}. The conv weight gradient, an image at a
   * time.
   */
  public abstract void accumulateRowSets(
      float[] w, int cols, int[] idx, float[] coef, int[] from, int[] to, float[] dst, int dstFrom, int r0, int r1);
}
