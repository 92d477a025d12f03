package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.testkit.SurrogateContractTestCase;

class StraightThroughSurrogateTest extends SurrogateContractTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new StraightThroughSurrogate();
  }

  @Override
  protected boolean expectDensity() {
    return false;
  }

  @Override
  protected boolean expectVanishingTails() {
    return false;
  }

  @Test
  void takesNoParameters() {
    assertEquals(Map.of(), factory().parameterDefaults());
    assertTrue(factory().description().contains("h(z) = 1"), factory().description());
  }

  @Test
  void isOneEverywhere() {
    SurrogateGradient g = curve(Map.of());
    for (float z : new float[] {0f, -0f, 0.5f, -3f, 1e30f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY}) {
      assertEquals(1f, g.derivative(z), "z=" + z);
    }
    assertEquals("straight-through", g.toString());
  }
}
