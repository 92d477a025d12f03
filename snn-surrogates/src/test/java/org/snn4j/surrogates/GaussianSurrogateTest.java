package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;

class GaussianSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new GaussianSurrogate();
  }

  @Override
  String key() {
    return "a";
  }

  @Override
  String documentedDefault() {
    return "0.3";
  }

  @Test
  void peakIsOneOverSqrtTwoPiA() {
    assertEquals(0.3989422804f, create(1).derivative(0f), 1e-7f);
    assertEquals(0.7283656203f, create(0.3).derivative(0f), 1e-7f);
    assertEquals(0.1994711402f, create(4).derivative(0f), 1e-7f);
  }

  @Test
  void varianceIsA() {
    // one standard deviation sqrt(a) out, the density is e^(-1/2) of its peak
    assertEquals(0.2419707245f, create(1).derivative(1f), 1e-7f);
    assertEquals(0.2419707245f / 2, create(4).derivative(-2f), 1e-7f);
    assertEquals(0.7283656203f * Math.exp(-0.5), create(0.3).derivative((float) Math.sqrt(0.3)), 1e-6);
  }
}
