package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.testkit.SurrogateContractTestCase;

/**
 * The plugin author's contract from snn-testkit, plus the conventions of the built-ins: one parameter with a
 * documented default, the formula in the description, typical values and the extremes 1e-30 and 1e30 checked,
 * and values outside [1e-30, 1e30] refused.
 */
abstract class BuiltinSurrogateTestCase extends SurrogateContractTestCase {
  /** The one parameter's key: {@code a} for STBP's widths, {@code alpha} for the sharpness of the others. */
  abstract String key();

  /** The default the class's Javadoc documents. */
  abstract String documentedDefault();

  /** Typical values of the parameter, checked by every property. */
  double[] typicalValues() {
    return new double[] {0.3, 1, 4};
  }

  /** Whether the curve is exactly 0 for |z| >= 1000 at the typical values (true of the STBP curves). */
  boolean exactlyZeroFarAway() {
    return true;
  }

  SurrogateGradient create(double value) {
    return curve(Map.of(key(), Double.toString(value)));
  }

  @Override
  protected List<Map<String, String>> parameterSets() {
    List<Map<String, String>> sets = new ArrayList<>();
    sets.add(Map.of());
    for (double v : typicalValues()) {
      sets.add(Map.of(key(), Double.toString(v)));
    }
    return sets;
  }

  @Override
  protected List<Map<String, String>> extremeParameterSets() {
    return List.of(Map.of(key(), "1e-30"), Map.of(key(), "1e30"));
  }

  @Override
  protected List<Map<String, String>> invalidParameterSets() {
    return List.of(Map.of(key(), "0"), Map.of(key(), "-1"), Map.of(key(), "abc"), Map.of(key(), "NaN"),
        Map.of(key(), "1e-31"), Map.of(key(), "1e31"));
  }

  @Test
  void declaresOneParameterWithDocumentedDefault() {
    assertEquals(Map.of(key(), documentedDefault()), factory().parameterDefaults());
  }

  @Test
  void descriptionGivesTheFormula() {
    String d = factory().description();
    assertTrue(d.contains("h(z) ="), "description should give the formula: " + d);
  }

  @Test
  void exactlyZeroFarFromThreshold() {
    if (!exactlyZeroFarAway()) {
      return;
    }
    for (double v : typicalValues()) {
      SurrogateGradient g = create(v);
      for (float z : new float[] {1e3f, -1e3f, Float.MAX_VALUE, -Float.MAX_VALUE}) {
        assertEquals(0f, g.derivative(z), g + " z=" + z);
      }
    }
  }
}
