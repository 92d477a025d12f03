package org.snn4j.surrogates;

import org.snn4j.api.SurrogateGradient;

/**
 * The piecewise exponential surrogate (SLAYER; SpikingJelly's {@code PiecewiseExp}), named {@code piecewise-exp}:
 * a Laplace density of sharpness {@code alpha},
 *
 * <pre>
 *   h(z) = (alpha/2) e^(-alpha |z|)
 * </pre>
 *
 * <p>Default {@code alpha = 1}, SpikingJelly's: peak 1/2, half the peak at {@code |z| = ln 2}. Integrates to 1.
 *
 * <p>Computed in double and rounded once to float; {@code alpha |z|} stays finite in double for every float
 * {@code z}, and large {@code |z|} gives 0.
 */
public final class PiecewiseExpSurrogate extends BuiltinSurrogate {
  static final String NAME = "piecewise-exp";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public PiecewiseExpSurrogate() {
    super(NAME, "alpha", "1", "Laplace density h(z) = (alpha/2) e^(-alpha|z|) (SLAYER, SpikingJelly PiecewiseExp)");
  }

  @Override
  SurrogateGradient curve(double alpha) {
    return new Curve(alpha);
  }

  /** {@code h(z)} with the constants of one {@code alpha}; the scalar and the bulk method both call this. */
  static float derivative(float z, double minusAlpha, double halfAlpha) {
    return (float) (halfAlpha * Math.exp(minusAlpha * Math.abs((double) z)));
  }

  private static final class Curve extends NamedCurve {
    private final double minusAlpha;
    private final double halfAlpha;

    Curve(double alpha) {
      super(NAME, "alpha", alpha);
      this.minusAlpha = -alpha;
      this.halfAlpha = alpha / 2;
    }

    @Override
    public float derivative(float z) {
      return PiecewiseExpSurrogate.derivative(z, minusAlpha, halfAlpha);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = PiecewiseExpSurrogate.derivative(z[from + i], minusAlpha, halfAlpha);
      }
    }
  }
}
