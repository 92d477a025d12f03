package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

class ErfSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new ErfSurrogate();
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

  @Test
  void peakIsAlphaOverSqrtPi() {
    assertEquals(1.1283791671f, create(2).derivative(0f), 1e-7f);
    assertEquals(0.5641895835f, create(1).derivative(0f), 1e-7f);
  }

  @Test
  void fallsToOneOverEAtOneOverAlpha() {
    assertEquals(0.4151074974f, create(2).derivative(0.5f), 1e-7f);
    assertEquals(0.2075537487f, create(1).derivative(-1f), 1e-7f);
  }

  @Test
  void isStbpGaussianOfVarianceOneOverTwoAlphaSquared() {
    SurrogateGradient erf = create(1);
    SurrogateGradient gaussian = new GaussianSurrogate().create(new PluginSpec("gaussian", Map.of("a", "0.5")));
    for (float z = -4f; z <= 4f; z += 0.01f) {
      assertEquals(gaussian.derivative(z), erf.derivative(z), 1e-7f, "z=" + z);
    }
  }
}
