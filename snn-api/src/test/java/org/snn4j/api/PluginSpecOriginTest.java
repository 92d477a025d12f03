package org.snn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSpecOriginTest {
  @Test
  void originAfterAtIsKeptAsWritten() {
    PluginSpec spec = PluginSpec.parse("ATan@My-Plugins.jar:Alpha=4");
    assertEquals("atan", spec.name());
    assertEquals("My-Plugins.jar", spec.origin());
    assertEquals(Map.of("alpha", "4"), spec.params());
    assertEquals("atan@My-Plugins.jar:alpha=4", spec.toString());
    assertEquals(spec, PluginSpec.parse(spec.toString()));
  }

  @Test
  void originWithoutParametersAndClassNames() {
    assertEquals("com.example.Atan", PluginSpec.parse("atan@com.example.Atan").origin());
    assertEquals("x", PluginSpec.parse(" atan @ x ").origin());
    assertEquals("atan", PluginSpec.parse(" atan @ x ").name());
  }

  @Test
  void noOriginIsNullAndTheTwoArgumentConstructorStillWorks() {
    assertNull(PluginSpec.parse("atan:alpha=2").origin());
    PluginSpec spec = new PluginSpec("Atan", Map.of("alpha", "2"));
    assertNull(spec.origin());
    assertEquals(PluginSpec.parse("atan:alpha=2"), spec);
  }

  @Test
  void withoutOriginDropsOnlyTheOrigin() {
    PluginSpec spec = PluginSpec.parse("atan@x.jar:alpha=2");
    assertEquals(PluginSpec.parse("atan:alpha=2"), spec.withoutOrigin());
    PluginSpec plain = PluginSpec.parse("atan");
    assertTrue(plain == plain.withoutOrigin());
  }

  @Test
  void emptyOriginOrNameIsAnError() {
    PluginException e = assertThrows(PluginException.class, () -> PluginSpec.parse("atan@:alpha=2"));
    assertTrue(e.getMessage().contains("after '@'"), e.getMessage());
    assertThrows(PluginException.class, () -> PluginSpec.parse("@x.jar"));
  }
}
