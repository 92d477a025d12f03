package org.snn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PluginSpecTest {
  @Test
  void nameOnly() {
    PluginSpec spec = PluginSpec.parse("sigmoid");
    assertEquals("sigmoid", spec.name());
    assertEquals(Map.of(), spec.params());
  }

  @Test
  void paramsKeepWrittenOrder() {
    PluginSpec spec = PluginSpec.parse("rate:z=1,a=2,m=3");
    assertEquals("rate", spec.name());
    assertEquals(List.of("z", "a", "m"), List.copyOf(spec.params().keySet()));
    assertEquals(List.of("1", "2", "3"), List.copyOf(spec.params().values()));
  }

  @Test
  void nameAndKeysAreLowerCasedButValuesAreNot() {
    PluginSpec spec = PluginSpec.parse("Rectangular:A=1E-3,Path=/Data/X");
    assertEquals("rectangular", spec.name());
    assertEquals(Map.of("a", "1E-3", "path", "/Data/X"), spec.params());
  }

  @Test
  void spacesAroundPartsAreTrimmed() {
    PluginSpec spec = PluginSpec.parse(" gaussian : a = 0.5 , b=2");
    assertEquals("gaussian", spec.name());
    assertEquals(Map.of("a", "0.5", "b", "2"), spec.params());
  }

  @Test
  void valueMayContainEquals() {
    assertEquals(Map.of("expr", "x=y"), PluginSpec.parse("f:expr=x=y").params());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rect:a", ":a=1", "", "   ", "rect:", "rect:=1", "rect:a=", "rect:a=1,", "rect:a=1,,b=2"})
  void badFormsFailWithTheExpectedShape(String text) {
    PluginException e = assertThrows(PluginException.class, () -> PluginSpec.parse(text));
    assertTrue(e.getMessage().contains("NAME[:key=value,...]"), e.getMessage());
  }

  @ParameterizedTest
  @NullSource
  void nullFails(String text) {
    assertThrows(PluginException.class, () -> PluginSpec.parse(text));
  }

  @Test
  void badParameterMessageQuotesThePartAndTheText() {
    PluginException e = assertThrows(PluginException.class, () -> PluginSpec.parse("rect:a"));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("'rect:a'"), e.getMessage());
  }

  @Test
  void toStringRoundTrips() {
    for (String text : new String[] {"sigmoid", "rectangular:a=1", "rate:z=1,a=2"}) {
      PluginSpec spec = PluginSpec.parse(text);
      assertEquals(text, spec.toString());
      assertEquals(spec, PluginSpec.parse(spec.toString()));
    }
  }

  @Test
  void constructorLowerCasesNameAndFreezesParams() {
    Map<String, String> params = new HashMap<>(Map.of("a", "1"));
    PluginSpec spec = new PluginSpec(" Poisson ", params);
    params.put("b", "2");
    assertEquals("poisson", spec.name());
    assertEquals(Map.of("a", "1"), spec.params());
    assertThrows(UnsupportedOperationException.class, () -> spec.params().put("c", "3"));
  }

  @Test
  void rejectsEmptyKeysEmptyValuesAndRepeatedKeys() {
    for (String bad : new String[] {"rect:a= ", "rect: =1", "rect:a=1,a=2"}) {
      PluginException e = assertThrows(PluginException.class, () -> PluginSpec.parse(bad), bad);
      assertTrue(e.getMessage().contains("rect"), e.getMessage());
    }
  }
}
