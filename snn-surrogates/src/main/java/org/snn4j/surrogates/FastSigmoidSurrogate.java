package org.snn4j.surrogates;

import org.snn4j.api.SurrogateGradient;

/**
 * The fast sigmoid of SuperSpike (Zenke and Ganguli 2018), named {@code fast-sigmoid}: the derivative of {@code
 * (1/2)(alpha z / (1 + alpha|z|) + 1)}, which needs no exponential,
 *
 * <pre>
 *   h(z) = alpha / (2 (1 + alpha |z|)^2)
 * </pre>
 *
 * <p>Default {@code alpha = 2} (SpikingJelly's {@code SoftSign}, the same curve): peak 1, half the peak at {@code
 * |z| ~ 0.21}. Integrates to 1; snnTorch's {@code fast_sigmoid(slope=k)} is this curve with {@code alpha = k}
 * times {@code 2/k}. Its tails fall like {@code 1/z^2}.
 *
 * <p>Computed in double and rounded once to float; {@code 1 + alpha|z|} squared stays finite in double for every
 * float {@code z} and {@code alpha <= 1e30}, and is infinite for infinite {@code z}, giving 0.
 */
public final class FastSigmoidSurrogate extends BuiltinSurrogate {
  static final String NAME = "fast-sigmoid";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public FastSigmoidSurrogate() {
    super(NAME, "alpha", "2", "fast sigmoid h(z) = alpha / (2 (1 + alpha|z|)^2) (SuperSpike)");
  }

  @Override
  SurrogateGradient curve(double alpha) {
    return new Curve(alpha);
  }

  /** {@code h(z)} with the constants of one {@code alpha}; the scalar and the bulk method both call this. */
  static float derivative(float z, double alpha, double halfAlpha) {
    double d = 1 + alpha * Math.abs((double) z);
    return (float) (halfAlpha / (d * d));
  }

  private static final class Curve extends NamedCurve {
    private final double alpha;
    private final double halfAlpha;

    Curve(double alpha) {
      super(NAME, "alpha", alpha);
      this.alpha = alpha;
      this.halfAlpha = alpha / 2;
    }

    @Override
    public float derivative(float z) {
      return FastSigmoidSurrogate.derivative(z, alpha, halfAlpha);
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      for (int i = 0; i < n; i++) {
        out[outFrom + i] = FastSigmoidSurrogate.derivative(z[from + i], alpha, halfAlpha);
      }
    }
  }
}
