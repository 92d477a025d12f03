package org.snn4j.api;

/**
 * The stand-in for the derivative of the spike function in STBP's backward pass: {@code do/du ≈ h(u - vth)}.
 *
 * <p>The scalar {@link #derivative(float)} is the definition. The bulk method must give the same values; it exists
 * so that the backward pass makes one call per time step instead of one per neuron. Implementations are immutable
 * and thread-safe.
 */
public interface SurrogateGradient {
  /** The plugin name this surrogate was made by, e.g. {@code rectangular}. */
  String name();

  /** {@code h(z)} at {@code z = u - vth}. */
  float derivative(float z);

  /**
   * Writes {@code out[outFrom + i] = derivative(z[from + i])} for {@code i < n}. {@code z} and {@code out} may be
   * the same array at the same offset. Override with a plain loop over the formula for speed.
   */
  default void derivative(float[] z, int from, float[] out, int outFrom, int n) {
    for (int i = 0; i < n; i++) {
      out[outFrom + i] = derivative(z[from + i]);
    }
  }

  /**
   * Whether this curve is a box: {@code h(z) = boxHeight()} for {@code |z| < boxHalfWidth()} and 0 elsewhere (STBP's
   * rectangular surrogate), computed exactly as {@code Math.abs(z) < boxHalfWidth() ? boxHeight() : 0f}. Kernels
   * then fuse it into their vectorized loops instead of calling the bulk method. False by default.
   */
  default boolean isBox() {
    return false;
  }

  /** The box's half width, when {@link #isBox()}. */
  default float boxHalfWidth() {
    throw new UnsupportedOperationException(name() + " is not a box");
  }

  /** The box's height, when {@link #isBox()}. */
  default float boxHeight() {
    throw new UnsupportedOperationException(name() + " is not a box");
  }
}
