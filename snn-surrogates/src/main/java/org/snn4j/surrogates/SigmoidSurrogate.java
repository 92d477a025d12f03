package org.snn4j.surrogates;

import java.util.Map;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SurrogateFactory;
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
public final class SigmoidSurrogate implements SurrogateFactory {
  static final String NAME = "sigmoid";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public SigmoidSurrogate() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "logistic density h(z) = (1/a) e^(-z/a) / (1 + e^(-z/a))^2 (STBP h3)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    return Map.of(WidthParameter.KEY, "0.3");
  }

  @Override
  public SurrogateGradient create(PluginParams params) {
    return new Gradient(WidthParameter.read(NAME, params));
  }

  /** {@code h(z)} for width {@code a}; the scalar and the bulk method both call this. */
  static float derivative(float z, double a) {
    double e = Math.exp(-Math.abs((double) z) / a);
    double onePlusE = 1 + e;
    return (float) (e / (a * onePlusE * onePlusE));
  }

  private static final class Gradient implements SurrogateGradient {
    private final double a;

    Gradient(double a) {
      this.a = a;
    }

    @Override
    public String name() {
      return NAME;
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

    @Override
    public String toString() {
      return NAME + ":" + WidthParameter.KEY + "=" + a;
    }
  }
}
