package org.snn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginParamsTest {
  private static final Map<String, String> DEFAULTS = orderedDefaults();

  private static Map<String, String> orderedDefaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("a", "1");
    m.put("scale", "0.5");
    return m;
  }

  @Test
  void defaultsApplyWhereNothingIsGiven() {
    PluginParams p = PluginParams.of("box", DEFAULTS, Map.of("a", "3"));
    assertEquals("3", p.get("a"));
    assertEquals("0.5", p.get("scale"));
    assertEquals(0.5, p.getDouble("scale"));
    assertEquals(List.of("a", "scale"), List.copyOf(p.asMap().keySet()));
  }

  @Test
  void unknownKeyNamesPluginKeyAndWhatItTakes() {
    PluginException e = assertThrows(PluginException.class, () -> PluginParams.of("box", DEFAULTS, Map.of("b", "1")));
    assertTrue(e.getMessage().startsWith("box:"), e.getMessage());
    assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    assertTrue(e.getMessage().contains("[a, scale]"), e.getMessage());
  }

  @Test
  void pluginWithoutParametersSaysSo() {
    PluginException e = assertThrows(PluginException.class, () -> PluginParams.of("lif", Map.of(), Map.of("a", "1")));
    assertTrue(e.getMessage().contains("takes no parameters"), e.getMessage());
  }

  @Test
  void undeclaredKeyIsAnErrorNotNull() {
    PluginParams p = PluginParams.of("box", DEFAULTS, Map.of());
    PluginException e = assertThrows(PluginException.class, () -> p.get("zzz"));
    assertTrue(e.getMessage().contains("box") && e.getMessage().contains("'zzz'"), e.getMessage());
  }

  @Test
  void asMapIsReadOnly() {
    PluginParams p = PluginParams.of("box", DEFAULTS, Map.of());
    assertThrows(UnsupportedOperationException.class, () -> p.asMap().put("a", "2"));
  }

  @Test
  void getDoubleParses() {
    assertEquals(-2.5e-3, PluginParams.of("box", DEFAULTS, Map.of("a", "-2.5e-3")).getDouble("a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "1,5", "0x"})
  void getDoubleRejectsNonNumbers(String value) {
    PluginParams p = PluginParams.of("box", DEFAULTS, Map.of("a", value));
    PluginException e = assertThrows(PluginException.class, () -> p.getDouble("a"));
    assertTrue(e.getMessage().startsWith("box: parameter 'a' must be a number"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400"})
  void getDoubleRejectsNonFinite(String value) {
    PluginParams p = PluginParams.of("box", DEFAULTS, Map.of("a", value));
    PluginException e = assertThrows(PluginException.class, () -> p.getDouble("a"));
    assertTrue(e.getMessage().startsWith("box: parameter 'a' must be finite"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0.0", "-1", "-1e-300"})
  void getPositiveRejectsZeroAndNegative(String value) {
    PluginParams p = PluginParams.of("box", DEFAULTS, Map.of("a", value));
    PluginException e = assertThrows(PluginException.class, () -> p.getPositive("a"));
    assertEquals("box: parameter 'a' must be > 0, got " + value, e.getMessage());
  }

  @Test
  void getPositiveAcceptsTinyPositive() {
    assertEquals(1e-300, PluginParams.of("box", DEFAULTS, Map.of("a", "1e-300")).getPositive("a"));
  }

  @Test
  void typedReadsAcceptGoodValuesAndNameBadOnes() {
    PluginParams p = PluginParams.of("enc", Map.of("n", "4", "x", "0.5", "on", "TRUE", "kind", "Log"),
        Map.of());
    assertEquals(4, p.getIntIn("n", 1, 10));
    assertEquals(0.5, p.getDoubleIn("x", 0, 1));
    assertTrue(p.getBoolean("on"));
    assertEquals("log", p.getChoice("kind", "linear", "log"));
    PluginParams bad = PluginParams.of("enc", Map.of("n", "11", "x", "abc", "on", "yes", "kind", "cubic"), Map.of());
    for (Executable e : List.<Executable>of(
        () -> bad.getIntIn("n", 1, 10), () -> bad.getDoubleIn("x", 0, 1), () -> bad.getBoolean("on"),
        () -> bad.getChoice("kind", "linear", "log"))) {
      PluginException ex = assertThrows(PluginException.class, e);
      assertTrue(ex.getMessage().startsWith("enc: parameter '"), ex.getMessage());
      assertTrue(ex.getMessage().contains("got '"), ex.getMessage());
    }
  }
}
