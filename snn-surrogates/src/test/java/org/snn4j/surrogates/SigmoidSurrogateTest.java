package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

class SigmoidSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new SigmoidSurrogate();
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
  void peakIsQuarterOverA() {
    assertEquals(0.25f, create(1).derivative(0f));
    assertEquals((float) (1 / 1.2), create(0.3).derivative(0f));
    assertEquals(0.0625f, create(4).derivative(0f));
  }

  @Test
  void matchesFormulaWhereExpIsAThird() {
    // e^(-z/a) = 1/3 at z = a ln 3, where h = (1/a)(1/3)/(4/3)^2 = 3/(16a)
    for (double a : new double[] {0.3, 1, 4}) {
      float z = (float) (a * Math.log(3));
      assertEquals(3 / (16 * a), create(a).derivative(z), 1e-6 * 3 / (16 * a), "a=" + a);
    }
  }

  @Test
  void largeNegativeZGivesZeroNotNaN() {
    // as written, e^(-z/a) overflows for z = -100, a = 0.3 and the quotient is Inf/Inf
    SurrogateGradient g = create(0.3);
    assertEquals(0f, g.derivative(-100f));
    assertEquals(0f, g.derivative(Float.NEGATIVE_INFINITY));
    float tail = g.derivative(-10f);
    assertTrue(tail > 0 && tail < 1e-13f, "h(-10) = " + tail);
  }
}
