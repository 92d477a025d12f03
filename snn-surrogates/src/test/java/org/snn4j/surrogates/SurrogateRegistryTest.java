package org.snn4j.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.api.PluginException;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.plugins.PluginRegistry;

class SurrogateRegistryTest {
  @Test
  void serviceLoaderFindsAllTenWithoutErrors() {
    PluginRegistry<SurrogateFactory> registry = SurrogateRegistry.load();
    assertEquals(List.of("atan", "erf", "fast-sigmoid", "gaussian", "piecewise-exp", "polynomial", "rectangular",
        "sigmoid", "straight-through", "triangle"), registry.names());
    assertEquals(List.of(), registry.loadErrors());
    assertInstanceOf(RectangularSurrogate.class, registry.get("rectangular"));
    assertInstanceOf(PolynomialSurrogate.class, registry.get("polynomial"));
    assertInstanceOf(SigmoidSurrogate.class, registry.get("sigmoid"));
    assertInstanceOf(GaussianSurrogate.class, registry.get("gaussian"));
    assertInstanceOf(AtanSurrogate.class, registry.get("atan"));
    assertInstanceOf(FastSigmoidSurrogate.class, registry.get("fast-sigmoid"));
    assertInstanceOf(PiecewiseExpSurrogate.class, registry.get("piecewise-exp"));
    assertInstanceOf(ErfSurrogate.class, registry.get("erf"));
    assertInstanceOf(TriangleSurrogate.class, registry.get("triangle"));
    assertInstanceOf(StraightThroughSurrogate.class, registry.get("straight-through"));
  }

  @ParameterizedTest
  @CsvSource({
    "Rectangular, rectangular",
    "RECTANGULAR:A=1, rectangular",
    "Polynomial, polynomial",
    "SIGMOID, sigmoid",
    "' gaussian : a = 0.5 ', gaussian"
  })
  void createIgnoresCaseAndSpaces(String spec, String name) {
    assertEquals(name, SurrogateRegistry.create(spec).name());
  }

  @Test
  void createAppliesParameters() {
    assertEquals(0.5f, SurrogateRegistry.create("rectangular:a=2").derivative(0f));
    assertEquals(1f, SurrogateRegistry.create("rectangular").derivative(0f));
    assertEquals(0.25f, SurrogateRegistry.create("sigmoid:a=1").derivative(0f));
  }

  @Test
  void unknownNameListsKnownNames() {
    PluginException e = assertThrows(PluginException.class, () -> SurrogateRegistry.create("foo"));
    assertTrue(e.getMessage().contains("'foo'"), e.getMessage());
    assertTrue(e.getMessage().contains("atan, erf, fast-sigmoid, gaussian, piecewise-exp, polynomial, rectangular"),
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "rectangular:a=0, rectangular, a",
    "sigmoid:a=-1, sigmoid, a",
    "gaussian:a=abc, gaussian, a",
    "rectangular:b=1, rectangular, b",
    "polynomial:a=NaN, polynomial, a",
    "rectangular:a=1e-31, rectangular, a",
    "gaussian:a=1e31, gaussian, a",
    "atan:alpha=0, atan, alpha",
    "fast-sigmoid:alpha=x, fast-sigmoid, alpha",
    "straight-through:a=1, straight-through, a"
  })
  void badParameterNamesPluginAndParameter(String spec, String plugin, String parameter) {
    PluginException e = assertThrows(PluginException.class, () -> SurrogateRegistry.create(spec));
    assertTrue(e.getMessage().startsWith(plugin + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("parameter '" + parameter + "'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ":a=1", "rectangular:a", "rectangular:a=1,"})
  void malformedSpecFails(String spec) {
    assertThrows(PluginException.class, () -> SurrogateRegistry.create(spec));
  }

  @Test
  void curvesAreIndependentInstances() {
    SurrogateGradient wide = SurrogateRegistry.create("rectangular:a=4");
    SurrogateGradient narrow = SurrogateRegistry.create("rectangular:a=0.5");
    assertEquals(0.25f, wide.derivative(0f));
    assertEquals(2f, narrow.derivative(0f));
  }
}
