package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

class AtanSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new AtanSurrogate();
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
    return new double[] {0.5, 2, 8};
  }

  @Override
  boolean exactlyZeroFarAway() {
    return false; // Cauchy tails: h(1000) is about 1e-7 at alpha = 2
  }

  @Test
  void peakIsHalfAlphaAndHalvesAtOneOverHalfPiAlpha() {
    assertEquals(1f, create(2).derivative(0f));
    assertEquals(0.5f, create(2).derivative((float) (1 / Math.PI)), 1e-7f);
    assertEquals(0.25f, create(0.5).derivative(0f));
    assertEquals(0.125f, create(0.5).derivative((float) (4 / Math.PI)), 1e-7f);
  }

  @Test
  void matchesSpikingJellyFormula() {
    // SpikingJelly ATan backward: alpha / 2 / (1 + (pi / 2 * alpha * x)^2)
    SurrogateGradient g = create(2);
    for (float z : new float[] {0.1f, 0.7f, -1.3f, 3f}) {
      double x = Math.PI / 2 * 2 * z;
      assertEquals(2.0 / 2 / (1 + x * x), g.derivative(z), 1e-7, "z=" + z);
    }
  }

  @Test
  void tailFallsLikeOneOverZSquared() {
    SurrogateGradient g = create(2);
    float h = g.derivative(1000f);
    assertTrue(h > 0, "still a little gradient far away");
    assertEquals(1 / (Math.PI * Math.PI * 1e6), h, 1e-12);
  }
}
