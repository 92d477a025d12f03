package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;

class PiecewiseExpSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new PiecewiseExpSurrogate();
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
  void peakIsHalfAlphaAndHalvesAtLn2OverAlpha() {
    assertEquals(0.5f, create(1).derivative(0f));
    assertEquals(0.25f, create(1).derivative((float) Math.log(2)), 1e-7f);
    assertEquals(2f, create(4).derivative(0f));
    assertEquals(1f, create(4).derivative((float) (Math.log(2) / 4)), 1e-6f);
  }

  @Test
  void laplaceAtOne() {
    assertEquals(0.1353352832f, create(2).derivative(1f), 1e-7f);
    assertEquals(0.1353352832f, create(2).derivative(-1f), 1e-7f);
  }
}
