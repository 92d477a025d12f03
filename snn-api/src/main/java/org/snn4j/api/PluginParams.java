package org.snn4j.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plugin's parameters after defaults were applied: every key the plugin declared, each with the user's value or
 * the default. Typed getters fail with a message naming the plugin and the parameter.
 */
public final class PluginParams {
  private final String plugin;
  private final Map<String, String> values;

  private PluginParams(String plugin, Map<String, String> values) {
    this.plugin = plugin;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Merges {@code given} over {@code defaults}.
   *
   * @throws PluginException if {@code given} has a key that {@code defaults} does not declare
   */
  public static PluginParams of(String plugin, Map<String, String> defaults, Map<String, String> given) {
    Map<String, String> merged = new LinkedHashMap<>(defaults);
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (!defaults.containsKey(e.getKey())) {
        throw new PluginException(
            plugin
                + ": unknown parameter '"
                + e.getKey()
                + "'; "
                + (defaults.isEmpty() ? "it takes no parameters" : "it takes " + defaults.keySet()));
      }
      merged.put(e.getKey(), e.getValue());
    }
    return new PluginParams(plugin, merged);
  }

  /** All parameters with their effective values. */
  public Map<String, String> asMap() {
    return values;
  }

  /** The raw value of {@code key}. */
  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new PluginException(plugin + ": parameter '" + key + "' is not declared");
    }
    return v;
  }

  /**
   * The value of {@code key} as a finite double.
   *
   * @throws PluginException if it does not parse or is not finite
   */
  public double getDouble(String key) {
    String v = get(key);
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new PluginException(plugin + ": parameter '" + key + "' must be a number, got '" + v + "'");
    }
    if (!Double.isFinite(d)) {
      throw new PluginException(plugin + ": parameter '" + key + "' must be finite, got '" + v + "'");
    }
    return d;
  }

  /**
   * The value of {@code key} as a double greater than zero.
   *
   * @throws PluginException if it does not parse or is not positive
   */
  public double getPositive(String key) {
    double d = getDouble(key);
    if (!(d > 0)) {
      throw new PluginException(plugin + ": parameter '" + key + "' must be > 0, got " + get(key));
    }
    return d;
  }

  @Override
  public String toString() {
    return plugin + values;
  }

  /**
   * The value of {@code key} as an integer in {@code [min, max]}.
   *
   * @throws PluginException naming the plugin, the parameter, the value and the allowed range
   */
  public int getIntIn(String key, int min, int max) {
    String v = get(key).trim();
    try {
      long parsed = Long.parseLong(v);
      if (parsed >= min && parsed <= max) {
        return (int) parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the allowed range
    }
    throw invalid(key, "an integer in " + min + ".." + max);
  }

  /**
   * The value of {@code key} as a number in {@code [min, max]}.
   *
   * @throws PluginException naming the plugin, the parameter, the value and the allowed range
   */
  public double getDoubleIn(String key, double min, double max) {
    String v = get(key).trim();
    try {
      double d = Double.parseDouble(v);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below, with the allowed range
    }
    throw invalid(key, "a number in [" + min + ", " + max + "]");
  }

  /**
   * The value of {@code key} as {@code true} or {@code false}, in any case.
   *
   * @throws PluginException naming the plugin, the parameter and the value
   */
  public boolean getBoolean(String key) {
    String v = get(key).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    throw invalid(key, "true or false");
  }

  /**
   * The value of {@code key}, which must be one of the lower-case {@code choices} (in any case).
   *
   * @throws PluginException naming the plugin, the parameter, the value and the choices
   */
  public String getChoice(String key, String... choices) {
    String v = get(key).trim().toLowerCase(Locale.ROOT);
    for (String c : choices) {
      if (c.equals(v)) {
        return c;
      }
    }
    throw invalid(key, "one of " + Arrays.toString(choices));
  }

  private PluginException invalid(String key, String expected) {
    return new PluginException(
        plugin + ": parameter '" + key + "' must be " + expected + ", got '" + values.get(key) + "'");
  }
}
