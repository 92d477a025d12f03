package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

class PolynomialSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new PolynomialSurrogate();
  }

  @Override
  String key() {
    return "a";
  }

  @Override
  String documentedDefault() {
    return "1";
  }

  @Test
  void peakIsHalfSqrtA() {
    assertEquals(0.5f, create(1).derivative(0f));
    assertEquals(1f, create(4).derivative(0f));
    assertEquals(0.25f, create(0.25).derivative(0f));
  }

  @Test
  void fallsLinearlyWithSlopeQuarterA() {
    SurrogateGradient g = create(1);
    assertEquals(0.25f, g.derivative(1f), 1e-7f);
    assertEquals(0.25f, g.derivative(-1f), 1e-7f);
    assertEquals(0.5f - 0.25f * 1.999f, g.derivative(1.999f), 1e-7f);
    assertEquals(0.5f, create(4).derivative(0.5f), 1e-7f);
    assertEquals(0.125f, create(0.25).derivative(2f), 1e-7f);
  }

  @Test
  void zeroFromTwoOverSqrtAOn() {
    assertEquals(0f, create(1).derivative(2f));
    assertEquals(0f, create(1).derivative(2.001f));
    assertEquals(0f, create(4).derivative(1f));
    assertEquals(0f, create(0.25).derivative(-4.5f));
  }
}
