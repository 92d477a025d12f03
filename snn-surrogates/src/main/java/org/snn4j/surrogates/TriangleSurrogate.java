package org.snn4j.surrogates;

import org.snn4j.api.SurrogateGradient;

/**
 * The triangle surrogate (Esser et al. 2016, Bellec et al. 2018; SpikingJelly's {@code PiecewiseQuadratic}), named
 * {@code triangle}: a triangle of height {@code alpha} over {@code (-1/alpha, 1/alpha)},
 *
 * <pre>
 *   h(z) = max(0, alpha - alpha^2 |z|)   if |z| &lt; 1/alpha
 *          0                             otherwise
 * </pre>
 *
 * <p>Default {@code alpha = 1}, SpikingJelly's: height 1 over {@code (-1, 1)}. Integrates to 1. STBP's {@code
 * polynomial} is the same shape parameterised by width; this one follows SpikingJelly.
 *
 * <p>Computed in double and rounded once to float; the support test keeps {@code |z| = Inf} away from the multiply.
 */
public final class TriangleSurrogate extends BuiltinSurrogate {
  static final String NAME = "triangle";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public TriangleSurrogate() {
    super(NAME, "alpha", "1",
        "triangle h(z) = max(0, alpha - alpha^2 |z|) for |z| < 1/alpha (SpikingJelly PiecewiseQuadratic)");
  }

  @Override
  SurrogateGradient curve(double alpha) {
    return new Curve(alpha);
  }

  /** {@code h(z)} with the constants of one {@code alpha}; the scalar and the bulk method both call this. */
  static float derivative(float z, double alpha, double alphaSquared, double support) {
    double abs = Math.abs((double) z);
    return abs < support ? (float) Math.max(0, alpha - alphaSquared * abs) : 0f;
  }

  private static final class Curve extends NamedCurve {
    private final double alpha;
    private final double alphaSquared;
    private final double support;

    Curve(double alpha) {
      super(NAME, "alpha", alpha);
      this.alpha = alpha;
      this.alphaSquared = alpha * alpha;
      this.support = 1 / alpha;
    }

    @Override
    public float derivative(float z) {
      return TriangleSurrogate.derivative(z, alpha, alphaSquared, support);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = TriangleSurrogate.derivative(z[from + i], alpha, alphaSquared, support);
      }
    }
  }
}
