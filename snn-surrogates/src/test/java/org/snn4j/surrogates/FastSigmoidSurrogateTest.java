package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

class FastSigmoidSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new FastSigmoidSurrogate();
  }

  @Override
  String key() {
    return "alpha";
  }

  @Override
  String documentedDefault() {
    return "2";
  }

  @Override
  double[] typicalValues() {
    return new double[] {0.5, 2, 25};
  }

  @Override
  boolean exactlyZeroFarAway() {
    return false; // tails fall like 1/z^2
  }

  @Test
  void peakIsHalfAlpha() {
    assertEquals(1f, create(2).derivative(0f));
    assertEquals(12.5f, create(25).derivative(0f));
  }

  @Test
  void quarterOfThePeakAtOneOverAlpha() {
    // (1 + alpha * (1/alpha))^2 = 4
    assertEquals(0.25f, create(2).derivative(0.5f));
    assertEquals(0.5f, create(4).derivative(-0.25f));
  }

  @Test
  void isSnnTorchsFastSigmoidNormalised() {
    // snnTorch: 1 / (slope |x| + 1)^2, which integrates to 2 / slope
    SurrogateGradient g = create(25);
    for (float z : new float[] {0.01f, 0.1f, -0.5f, 2f}) {
      double snnTorch = 1 / Math.pow(25 * Math.abs(z) + 1, 2);
      assertEquals(snnTorch * 25 / 2, g.derivative(z), 1e-6 * snnTorch * 25 / 2, "z=" + z);
    }
  }
}
