package org.snn4j.surrogates;

import org.snn4j.api.SurrogateGradient;

/**
 * The polynomial (triangular) surrogate {@code h2} of STBP (Wu et al. 2018, eq. 31), named {@code polynomial}:
 *
 * <pre>
 *   h(z) = max(0, sqrt(a)/2 - (a/4)|z|)   if |z| &lt; 2/sqrt(a)
 *          0                              otherwise
 * </pre>
 *
 * <p>Default {@code a = 1}: a triangle of height 1/2 over {@code (-2, 2)}.
 *
 * <p>Computed in float: {@code sqrt(a)/2}, {@code a/4} and {@code 2/sqrt(a)} are rounded to float once, then
 * {@code peak - slope * |z|} is a multiply and a subtract, not a fused multiply-add, so a vector twin can match
 * it bit for bit.
 */
public final class PolynomialSurrogate extends BuiltinSurrogate {
  static final String NAME = "polynomial";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public PolynomialSurrogate() {
    super(NAME, "a", "1", "triangle h(z) = max(0, sqrt(a)/2 - (a/4)|z|) for |z| < 2/sqrt(a) (STBP h2)");
  }

  @Override
  SurrogateGradient curve(double a) {
    return new Curve(a);
  }

  /** {@code h(z)} with the constants of one width; the scalar and the bulk method both call this. */
  static float derivative(float z, float peak, float slope, float support) {
    float abs = Math.abs(z);
    // the support test also keeps |z| = Inf away from the multiply; max() absorbs rounding at the edge
    return abs < support ? Math.max(0f, peak - slope * abs) : 0f;
  }

  private static final class Curve extends NamedCurve {
    private final float peak;
    private final float slope;
    private final float support;

    Curve(double a) {
      super(NAME, "a", a);
      double sqrtA = Math.sqrt(a);
      this.peak = (float) (sqrtA / 2);
      this.slope = (float) (a / 4);
      this.support = (float) (2 / sqrtA);
    }

    @Override
    public float derivative(float z) {
      return PolynomialSurrogate.derivative(z, peak, slope, support);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = PolynomialSurrogate.derivative(z[from + i], peak, slope, support);
      }
    }
  }
}
