package org.snn4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plugin name with parameters as the user writes it: {@code NAME[@ORIGIN][:key=value,...]}, for example {@code
 * rectangular:a=1}, {@code sigmoid} or {@code atan@my-plugins.jar:alpha=4}. Names are kept lower-case.
 *
 * <p>{@code @ORIGIN} is needed only when two plugins share a name: it picks the one that comes from that jar (its
 * file name, with or without {@code .jar}) or that class (its fully qualified name). See
 * {@code org.snn4j.plugins.PluginRegistry.get(PluginSpec)}.
 *
 * @param name the plugin's name, lower-case
 * @param params the given parameters in the order written
 * @param origin the jar file name or class name the user chose the plugin by, or null when none was written
 */
public record PluginSpec(String name, Map<String, String> params, String origin) {

  /** Canonical constructor: lower-cases the name, freezes the parameters and trims the origin. */
  public PluginSpec {
    name = name.trim().toLowerCase(Locale.ROOT);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    origin = origin == null || origin.isBlank() ? null : origin.trim();
  }

  /** A spec without an origin. */
  public PluginSpec(String name, Map<String, String> params) {
    this(name, params, null);
  }

  /**
   * Parses {@code NAME[@ORIGIN][:key=value,...]}.
   *
   * @throws PluginException if the text is empty or a parameter is not {@code key=value}
   */
  public static PluginSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new PluginException("empty plugin name; expected NAME[:key=value,...]");
    }
    int colon = text.indexOf(':');
    String head = colon < 0 ? text : text.substring(0, colon);
    int at = head.indexOf('@');
    String name = at < 0 ? head : head.substring(0, at);
    String origin = at < 0 ? null : head.substring(at + 1);
    if (name.isBlank()) {
      throw new PluginException("missing plugin name in '" + text + "'; expected NAME[:key=value,...]");
    }
    if (origin != null && origin.isBlank()) {
      throw new PluginException(
          "missing jar or class after '@' in '" + text + "'; expected NAME@JAR[:key=value,...]");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String part : text.substring(colon + 1).split(",", -1)) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? "" : part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : part.substring(eq + 1).trim();
        if (key.isEmpty() || value.isEmpty()) {
          throw new PluginException(
              "parameter '" + part + "' in '" + text + "' is not key=value; expected NAME[:key=value,...]");
        }
        if (params.put(key, value) != null) {
          throw new PluginException("parameter '" + key + "' is given twice in '" + text + "'");
        }
      }
    }
    return new PluginSpec(name, params, origin);
  }

  /** This spec without its origin: what a plugin writes back as its configuration. */
  public PluginSpec withoutOrigin() {
    return origin == null ? this : new PluginSpec(name, params, null);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    if (origin != null) {
      sb.append('@').append(origin);
    }
    if (params.isEmpty()) {
      return sb.toString();
    }
    sb.append(':');
    params.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }
}
