package org.snn4j.surrogates;

import org.snn4j.api.SurrogateGradient;

/**
 * The error-function surrogate (SpikingJelly's {@code Erf}), named {@code erf}: the derivative of {@code
 * erfc(-alpha z)/2}, a normal density of standard deviation {@code 1/(alpha sqrt 2)},
 *
 * <pre>
 *   h(z) = (alpha / sqrt(pi)) e^(-alpha^2 z^2)
 * </pre>
 *
 * <p>Default {@code alpha = 2}, SpikingJelly's: peak {@code 2/sqrt(pi) ~ 1.13}. Integrates to 1. It is STBP's
 * {@code gaussian} with {@code a = 1/(2 alpha^2)}, parameterised by sharpness as SpikingJelly does.
 *
 * <p>Computed in double and rounded once to float; {@code (alpha z)^2} stays finite in double for every float
 * {@code z} and {@code alpha <= 1e30}, and large {@code |z|} gives 0.
 */
public final class ErfSurrogate extends BuiltinSurrogate {
  static final String NAME = "erf";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public ErfSurrogate() {
    super(NAME, "alpha", "2", "erf derivative h(z) = (alpha/sqrt(pi)) e^(-alpha^2 z^2) (SpikingJelly Erf)");
  }

  @Override
  SurrogateGradient curve(double alpha) {
    return new Curve(alpha);
  }

  /** {@code h(z)} with the constants of one {@code alpha}; the scalar and the bulk method both call this. */
  static float derivative(float z, double alpha, double norm) {
    double x = alpha * z;
    return (float) (norm * Math.exp(-(x * x)));
  }

  private static final class Curve extends NamedCurve {
    private final double alpha;
    private final double norm;

    Curve(double alpha) {
      super(NAME, "alpha", alpha);
      this.alpha = alpha;
      this.norm = alpha / Math.sqrt(Math.PI);
    }

    @Override
    public float derivative(float z) {
      return ErfSurrogate.derivative(z, alpha, norm);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = ErfSurrogate.derivative(z[from + i], alpha, norm);
      }
    }
  }
}
