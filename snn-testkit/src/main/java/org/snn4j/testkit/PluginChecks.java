package org.snn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import org.snn4j.api.Plugin;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginFactory;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginSpec;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.plugins.PluginRegistry;

/** The checks every kind of plugin shares: its name, its self-description and its registration. */
final class PluginChecks {
  private static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]*";

  private PluginChecks() {}

  static void nameIsValidAndStable(Plugin p) {
    String name = p.name();
    assertNotNull(name, "name()");
    assertTrue(name.matches(NAME_PATTERN),
        "name '" + name + "' must be lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
    assertEquals(name, p.name(), "name() must return the same name every time");
  }

  static void describesItselfOnOneLine(Plugin p) {
    String d = p.description();
    assertNotNull(d, "description()");
    assertFalse(d.isBlank(), "description() should say in one line what the plugin does; 'snn plugins' shows it");
    assertFalse(d.contains("\n") || d.contains("\r"), "description must be one line: " + d);
  }

  static void declaresValidParameters(Plugin p) {
    Map<String, String> defaults = p.parameterDefaults();
    assertNotNull(defaults, "parameterDefaults() must not be null; return Map.of() when there are none");
    defaults.forEach((k, v) -> {
      assertTrue(k != null && k.matches(NAME_PATTERN),
          "parameter name '" + k + "' must be lower-case: users' keys are lower-cased before lookup");
      assertTrue(v != null && !v.isBlank(), "parameter '" + k + "' needs a default value");
    });
  }

  static void rejectsUnknownParameter(PluginFactory<?> factory) {
    PluginSpec spec = new PluginSpec(factory.name(), Map.of("no-such-parameter", "1"));
    PluginException e = assertThrows(PluginException.class, () -> factory.create(spec),
        "an unknown parameter must be a PluginException, not silently ignored");
    assertTrue(e.getMessage().contains("no-such-parameter"), "the message must name the parameter: "
        + e.getMessage());
  }

  static void rejectsInvalidParameters(PluginFactory<?> factory, List<Map<String, String>> invalid) {
    for (Map<String, String> params : invalid) {
      PluginSpec spec = new PluginSpec(factory.name(), params);
      PluginException e = assertThrows(PluginException.class, () -> factory.create(spec),
          spec + " must be rejected with a PluginException");
      for (String key : params.keySet()) {
        assertTrue(e.getMessage().contains(key), "the message for " + spec + " must name parameter '" + key + "': "
            + e.getMessage());
      }
    }
  }

  /** The plugin is found by its name through its class loader's service files, as the CLI and Guice find it. */
  static <P extends Plugin> void discoverableByName(PluginKind<P> kind, P plugin) {
    Class<?> type = plugin.getClass();
    try (PluginCatalog catalog =
        PluginCatalog.builder().kinds(List.of(kind)).classLoader(type.getClassLoader()).build()) {
      PluginRegistry<P> registry = catalog.registry(kind);
      for (String problem : registry.problems()) {
        if (problem.contains(type.getName()) || problem.contains("'" + plugin.name() + "'")) {
          fail("loading " + kind.plural() + " reported a problem with this plugin: " + problem);
        }
      }
      boolean found = registry.providers(plugin.name()).stream().anyMatch(p -> p.getClass() == type);
      assertTrue(found, type.getName() + " is not found as " + kind.name() + " '" + plugin.name() + "': list it in"
          + " META-INF/services/" + kind.type().getName() + " (one class name per line)");
    }
  }
}
