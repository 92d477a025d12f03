package org.snn4j.surrogates;

import org.snn4j.api.SurrogateGradient;

/**
 * The sigmoid surrogate {@code h3} of STBP (Wu et al. 2018, eq. 32), named {@code sigmoid}: the derivative of the
 * logistic function of scale {@code a},
 *
 * <pre>
 *   h(z) = (1/a) e^(-z/a) / (1 + e^(-z/a))^2
 * </pre>
 *
 * <p>Default {@code a = 0.3}, the width used by the STBP golden vectors.
 *
 * <p>Computed in double and rounded once to float. The curve is even, so it is evaluated as {@code e^(-|z|/a)},
 * which lies in (0, 1]: for large {@code |z|} it underflows to 0 and the result is 0, where the formula as written
 * would compute Inf/Inf = NaN for large negative {@code z}.
 */
public final class SigmoidSurrogate extends BuiltinSurrogate {
  static final String NAME = "sigmoid";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public SigmoidSurrogate() {
    super(NAME, "a", "0.3", "logistic density h(z) = (1/a) e^(-z/a) / (1 + e^(-z/a))^2 (STBP h3)");
  }

  @Override
  SurrogateGradient curve(double a) {
    return new Curve(a);
  }

  /** {@code h(z)} for width {@code a}; the scalar and the bulk method both call this. */
  static float derivative(float z, double a) {
    double e = Math.exp(-Math.abs((double) z) / a);
    double onePlusE = 1 + e;
    return (float) (e / (a * onePlusE * onePlusE));
  }

  private static final class Curve extends NamedCurve {
    private final double a;

    Curve(double a) {
      super(NAME, "a", a);
      this.a = a;
    }

    @Override
    public float derivative(float z) {
      return SigmoidSurrogate.derivative(z, a);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = SigmoidSurrogate.derivative(z[from + i], a);
      }
    }
  }
}
