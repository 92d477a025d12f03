package org.snn4j.core.dense;

import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The two products of a dense layer with binary input {@code x [rows][in]} (bits, {@link
 * org.snn4j.core.layer.SpikeBits}) and weights {@code W [in][out]}, over the {@code T·B} rows of a batch (row {@code
 * r = t·B + b}):
 *
 * <pre>
 *   forward          I[r]  = b + Σ_{i: x[r][i]=1} W[i]          (rows of W selected by spikes)
 *   weight gradient  dW[i] =     Σ_{r: x[r][i]=1} gu[r]         (rows of dL/dI selected by spikes)
 * </pre>
 *
 * Each has an event-driven path (sums of selected rows, {@link EventSum}) and a dense path (a Vector API GEMM with
 * {@code x} as 0/1 floats, {@link DenseGemm}); {@link Path#AUTO} takes the event-driven one unless {@link
 * org.snn4j.core.Tuning#denseAbove()} sets a density threshold. Analog input ({@code x [rows][in]} floats) always
 * takes the GEMM.
 *
 * <p>The event path plans its sums first, from the data alone: the forward product's row forms ({@link
 * ForwardLists}: from the bias, the previous step's row or the sample's base row) and step groups ({@link
 * StepGroups}); the weight gradient's per-(sample, input) forms over prefix sums ({@link GradientLists}), leaving
 * out the rows of {@code gu} that are all zeros ({@link LiveRows}); layers narrower than {@link
 * #FORMS_MIN_OUT} take plain spikes ({@link NarrowProducts}). All forms are exact sums in a fixed order; they round
 * differently from the dense path, by float rounding only. Every choice depends on the data alone, so results do
 * not depend on the thread count. Each product runs as a job made once per workspace ({@link ForwardJob}, {@link
 * GradientJob}, {@link AnalogJob}).
 */
public final class DenseProducts {
  /**
   * Narrowest output for which the products look for shorter forms than plain spikes (base and previous rows,
   * prefix-sum runs, complements). A term of a narrow layer is one or two vector adds, cheaper than the analysis that
   * would save it.
   */
  public static final int FORMS_MIN_OUT = 32;

  /** Longest run of steps the bit-sliced counters (5 bits) handle; longer runs use direct terms and no base rows. */
  public static final int MAX_SLICED_STEPS = 30;

  private DenseProducts() {}

  /** Which implementation to use. */
  public enum Path {
    /** Sums of selected rows: work proportional to the number of spikes (or of changes). */
    EVENT,
    /** GEMM on 0/1 floats: work independent of density. */
    DENSE,
    /** Dense when the batch's input density exceeds {@link org.snn4j.core.Tuning#denseAbove()}, else event-driven. */
    AUTO
  }

  /**
   * Forward product for the rows of {@code ws}: {@code u[r·out ..] = bias + Σ_{i: x[r][i] = 1} w[i·out ..]}, with
   * {@code x} as bits, {@code [rows][words(in)]}.
   */
  public static void forward(
      Kernels kernels, long[] x, float[] w, float[] bias, float[] u, DenseWorkspace ws, WorkerPool pool, Path path) {
    ws.forwardJob.run(kernels, x, w, bias, u, pool, path);
  }

  /**
   * Weight gradient for the rows of the last {@link #forward} on this workspace: {@code dW[i·out ..] = Σ_{r:
   * x[r][i] = 1} gu[r·out ..]}; on the event-driven path, also the bias gradient {@code dB = Σ_r gu[r·out ..]} when
   * {@code dB} is not null (from the prefix sums it builds anyway: per sample over steps, then over samples).
   *
   * @param lossLive per sample, whether its loss gradient is non-zero, or null when all may be: the rows of the
   *     others are known to be zero and are not scanned
   * @return whether {@code dB} was written (the dense path and layers narrower than {@link #FORMS_MIN_OUT}, which
   *     build no prefix sums, leave it to the caller)
   */
  public static boolean weightGradient(
      Kernels kernels, long[] x, float[] gu, float[] dW, float[] dB, boolean[] lossLive, DenseWorkspace ws,
      WorkerPool pool, Path path) {
    return ws.gradientJob.run(kernels, x, gu, dW, dB, lossLive, pool, path);
  }

  /** Forward product for analog input {@code x [rows][in]}: {@code u = b + x W} with the dense GEMM. */
  public static void forwardAnalog(
      Kernels kernels, float[] x, float[] w, float[] bias, float[] u, DenseWorkspace ws, WorkerPool pool) {
    ws.analogJob.forward(kernels, x, w, bias, u, pool);
  }

  /** Weight gradient for analog input: {@code dW = xᵀ gu}, the products summed over rows ascending. */
  public static void weightGradientAnalog(
      Kernels kernels, float[] x, float[] gu, float[] dW, DenseWorkspace ws, WorkerPool pool) {
    ws.analogJob.weightGradient(kernels, x, gu, dW, pool);
  }

  static boolean useDense(Path path, long spikes, long cells, double denseAbove) {
    return switch (path) {
      case DENSE -> true;
      case EVENT -> false;
      case AUTO -> spikes > denseAbove * cells;
    };
  }

  static long sum(int[] a, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i];
    }
    return s;
  }
}
