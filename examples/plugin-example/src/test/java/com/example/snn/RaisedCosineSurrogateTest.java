package com.example.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.testkit.SurrogateContractTestCase;

/** snn4j's surrogate contract (found by name, finite, density, bulk equals scalar...) plus the formula by hand. */
class RaisedCosineSurrogateTest extends SurrogateContractTestCase {
  @Override
  protected SurrogateFactory factory() {
    return new RaisedCosineSurrogate();
  }

  @Override
  protected List<Map<String, String>> parameterSets() {
    return List.of(Map.of(), Map.of("a", "0.25"), Map.of("a", "3"));
  }

  @Override
  protected List<Map<String, String>> extremeParameterSets() {
    return List.of(Map.of("a", "1e-6"), Map.of("a", "1e6"));
  }

  @Override
  protected List<Map<String, String>> invalidParameterSets() {
    return List.of(Map.of("a", "0"), Map.of("a", "wide"), Map.of("a", "1e7"));
  }

  @Test
  void peakIsOneOverAAndHalfOfItHalfway() {
    SurrogateGradient g = curve(Map.of("a", "2"));
    assertEquals(0.5f, g.derivative(0f));
    assertEquals(0.25f, g.derivative(1f), 1e-7f);
    assertEquals(0.25f, g.derivative(-1f), 1e-7f);
    assertEquals(0f, g.derivative(2f));
  }
}
