package org.snn4j.surrogates;

import org.snn4j.api.SurrogateGradient;

/**
 * The arctangent surrogate, SpikingJelly's default ({@code surrogate.ATan}), named {@code atan}: the derivative of
 * {@code (1/pi) arctan((pi/2) alpha z) + 1/2}, a Cauchy density of sharpness {@code alpha},
 *
 * <pre>
 *   h(z) = (alpha/2) / (1 + ((pi/2) alpha z)^2)
 * </pre>
 *
 * <p>Default {@code alpha = 2}, SpikingJelly's: peak 1, half the peak at {@code |z| = 1/pi}. Integrates to 1. Its
 * tails fall like {@code 1/z^2}, so neurons far from threshold still get a little gradient.
 *
 * <p>Computed in double and rounded once to float; {@code (pi/2) alpha z} squared cannot overflow a double for any
 * float {@code z} and {@code alpha <= 1e30}, and is infinite for infinite {@code z}, giving 0.
 */
public final class AtanSurrogate extends BuiltinSurrogate {
  static final String NAME = "atan";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public AtanSurrogate() {
    super(NAME, "alpha", "2",
        "arctangent h(z) = (alpha/2) / (1 + ((pi/2) alpha z)^2) (SpikingJelly's default surrogate)");
  }

  @Override
  SurrogateGradient curve(double alpha) {
    return new Curve(alpha);
  }

  /** {@code h(z)} with the constants of one {@code alpha}; the scalar and the bulk method both call this. */
  static float derivative(float z, double halfPiAlpha, double halfAlpha) {
    double x = halfPiAlpha * z;
    return (float) (halfAlpha / (1 + x * x));
  }

  private static final class Curve extends NamedCurve {
    private final double halfPiAlpha;
    private final double halfAlpha;

    Curve(double alpha) {
      super(NAME, "alpha", alpha);
      this.halfPiAlpha = Math.PI / 2 * alpha;
      this.halfAlpha = alpha / 2;
    }

    @Override
    public float derivative(float z) {
      return AtanSurrogate.derivative(z, halfPiAlpha, halfAlpha);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = AtanSurrogate.derivative(z[from + i], halfPiAlpha, halfAlpha);
      }
    }
  }
}
