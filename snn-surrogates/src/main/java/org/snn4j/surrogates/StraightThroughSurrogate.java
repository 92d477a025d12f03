package org.snn4j.surrogates;

import java.util.Arrays;
import org.snn4j.api.SurrogateGradient;

/**
 * The straight-through estimator (Bengio, Léonard and Courville 2013), named {@code straight-through}: the spike's
 * derivative taken as that of the identity,
 *
 * <pre>
 *   h(z) = 1
 * </pre>
 *
 * <p>No parameter. Every neuron gets gradient at every step, however far from threshold, so nothing is silenced
 * for good; the price is that the gradient no longer says which neurons were close to firing. Unlike the other
 * curves it is not a density: it does not integrate to 1 nor vanish far from threshold. It also gives the backward
 * pass no zeros to skip, so it is the slowest surrogate to train with.
 */
public final class StraightThroughSurrogate extends BuiltinSurrogate {
  static final String NAME = "straight-through";

  /** Creates the factory; ServiceLoader needs this constructor. */
  public StraightThroughSurrogate() {
    super(NAME, "straight-through estimator h(z) = 1 (identity gradient, no parameter)");
  }

  @Override
  SurrogateGradient curve(double unused) {
    return new Curve();
  }

  private static final class Curve extends NamedCurve {
    Curve() {
      super(NAME);
    }

    @Override
    public float derivative(float z) {
      return 1f;
    }

    @Override
    public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
      Arrays.fill(out, outFrom, outFrom + n, 1f);
    }
  }
}
