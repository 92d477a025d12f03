package org.snn4j.api;

import java.util.Map;

/**
 * Something found by name through a {@code PluginRegistry} (module {@code snn-plugins}): a neuron, a surrogate, an
 * encoder, a dataset reader. Implementations have a public no-argument constructor and are listed in
 * {@code META-INF/services/<extension point>}.
 */
public interface Plugin {
  /**
   * The stable, lower-case name users type ({@code rectangular}, {@code rate}, {@code idx}). Lookup ignores case.
   */
  String name();

  /** One line saying what the plugin does, for listings. */
  default String description() {
    return "";
  }

  /**
   * The parameters the plugin accepts with their defaults, in a stable order (e.g. {@code a=1.0}). A parameter
   * not listed here is rejected when the plugin is created.
   */
  default Map<String, String> parameterDefaults() {
    return Map.of();
  }
}
