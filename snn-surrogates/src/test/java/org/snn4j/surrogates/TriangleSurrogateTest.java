package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

class TriangleSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new TriangleSurrogate();
  }

  @Override
  String key() {
    return "alpha";
  }

  @Override
  String documentedDefault() {
    return "1";
  }

  @Override
  double[] typicalValues() {
    return new double[] {0.5, 1, 4};
  }

  @Test
  void defaultIsUnitTriangleOverMinusOneToOne() {
    SurrogateGradient g = create(1);
    assertEquals(1f, g.derivative(0f));
    assertEquals(0.5f, g.derivative(0.5f));
    assertEquals(0.5f, g.derivative(-0.5f));
    assertEquals(0.001f, g.derivative(0.999f), 1e-6f);
    assertEquals(0f, g.derivative(1f));
    assertEquals(0f, g.derivative(-1.001f));
  }

  @Test
  void heightAlphaOverOneOverAlpha() {
    SurrogateGradient g = create(4);
    assertEquals(4f, g.derivative(0f));
    assertEquals(2f, g.derivative(0.125f));
    assertEquals(0f, g.derivative(0.25f));
    assertEquals(0.25f, create(0.5).derivative(1f));
  }
}
