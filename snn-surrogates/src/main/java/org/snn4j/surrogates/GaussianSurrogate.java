package org.snn4j.surrogates;

import org.snn4j.api.SurrogateGradient;

/**
 * The Gaussian surrogate {@code h4} of STBP (Wu et al. 2018, eq. 33), named {@code gaussian}: the normal density
 * of variance {@code a},
 *
 * <pre>
 *   h(z) = e^(-z^2 / (2a)) / sqrt(2 pi a)
 * </pre>
 *
 * <p>Default {@code a = 0.3}, the width used by the STBP golden vectors.
 *
 * <p>Computed in double and rounded once to float; {@code z^2} cannot overflow a double for any float {@code z},
 * so large {@code |z|} gives 0.
 */
public final class GaussianSurrogate extends BuiltinSurrogate {
  static final String NAME = "gaussian";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public GaussianSurrogate() {
    super(NAME, "a", "0.3", "normal density h(z) = e^(-z^2/(2a)) / sqrt(2 pi a), variance a (STBP h4)");
  }

  @Override
  SurrogateGradient curve(double a) {
    return new Curve(a);
  }

  /** {@code h(z)} with the constants of one width; the scalar and the bulk method both call this. */
  static float derivative(float z, double minusInverseTwoA, double norm) {
    double zd = z;
    return (float) (norm * Math.exp(zd * zd * minusInverseTwoA));
  }

  private static final class Curve extends NamedCurve {
    private final double minusInverseTwoA;
    private final double norm;

    Curve(double a) {
      super(NAME, "a", a);
      this.minusInverseTwoA = -1 / (2 * a);
      this.norm = 1 / Math.sqrt(2 * Math.PI * a);
    }

    @Override
    public float derivative(float z) {
      return GaussianSurrogate.derivative(z, minusInverseTwoA, norm);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = GaussianSurrogate.derivative(z[from + i], minusInverseTwoA, norm);
      }
    }
  }
}
