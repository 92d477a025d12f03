package org.snn4j.datasets;

import java.util.Arrays;
import java.util.Locale;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;

/**
 * Typed reads of a plugin's parameters beyond what {@link PluginParams} offers: bounded integers and doubles,
 * booleans and one-of choices. Every failure is a {@link PluginException} naming the plugin, the parameter, the value
 * and what is allowed.
 */
public final class TypedParams {
  private final String plugin;
  private final PluginParams params;

  /**
   * @param plugin the plugin's name, for messages
   * @param params the merged parameters
   */
  public TypedParams(String plugin, PluginParams params) {
    this.plugin = plugin;
    this.params = params;
  }

  /** The integer value of {@code key}, which must lie in {@code [min, max]}. */
  public int intIn(String key, int min, int max) {
    String v = params.get(key).trim();
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw fail(key, v, "an integer in " + min + ".." + max);
    }
    if (parsed < min || parsed > max) {
      throw fail(key, v, "an integer in " + min + ".." + max);
    }
    return (int) parsed;
  }

  /** The finite double value of {@code key}, which must lie in {@code [min, max]}. */
  public double doubleIn(String key, double min, double max) {
    String v = params.get(key).trim();
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw fail(key, v, "a number in [" + min + ", " + max + "]");
    }
    if (!(d >= min && d <= max)) {
      throw fail(key, v, "a number in [" + min + ", " + max + "]");
    }
    return d;
  }

  /** The double value of {@code key}, which must be finite and greater than zero. */
  public double positive(String key) {
    String v = params.get(key).trim();
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw fail(key, v, "a finite number > 0");
    }
    if (!(d > 0) || !Double.isFinite(d)) {
      throw fail(key, v, "a finite number > 0");
    }
    return d;
  }

  /** {@code true} or {@code false}, any case. */
  public boolean bool(String key) {
    String v = params.get(key).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw fail(key, params.get(key), "true or false");
  }

  /** One of {@code choices} (lower-case), any case in the value. */
  public String choice(String key, String... choices) {
    String v = params.get(key).trim().toLowerCase(Locale.ROOT);
    for (String c : choices) {
      if (c.equals(v)) {
        return c;
      }
    }
    throw fail(key, params.get(key), "one of " + Arrays.toString(choices));
  }

  private PluginException fail(String key, String value, String expected) {
    return new PluginException(plugin + ": parameter '" + key + "' must be " + expected + ", got '" + value + "'");
  }
}
