package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

class RectangularSurrogateTest extends BuiltinSurrogateTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new RectangularSurrogate();
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
  void defaultIsReferenceCodeWindowOfHalfWidthHalf() {
    SurrogateGradient g = create(1);
    assertEquals(1f, g.derivative(0f));
    assertEquals(1f, g.derivative(0.49f));
    assertEquals(1f, g.derivative(-0.49f));
    assertEquals(0f, g.derivative(0.51f));
    assertEquals(0f, g.derivative(-0.51f));
  }

  @Test
  void edgeIsExcluded() {
    assertEquals(0f, create(1).derivative(0.5f));
    assertEquals(0f, create(1).derivative(-0.5f));
    assertEquals(1f, create(1).derivative(Math.nextDown(0.5f)));
  }

  @Test
  void heightIsInverseWidth() {
    SurrogateGradient g = create(4);
    assertEquals(0.25f, g.derivative(1.99f));
    assertEquals(0f, g.derivative(2.01f));
    SurrogateGradient narrow = create(0.3);
    assertEquals((float) (1 / 0.3), narrow.derivative(0.149f));
    assertEquals(0f, narrow.derivative(0.151f));
  }
}
