package org.snn4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plugin name with parameters as the user writes it: {@code NAME[:key=value,...]}, for example {@code
 * rectangular:a=1} or {@code sigmoid}. Names are kept lower-case.
 *
 * @param name the plugin's name, lower-case
 * @param params the given parameters in the order written
 */
public record PluginSpec(String name, Map<String, String> params) {

  /** Canonical constructor: lower-cases the name and freezes the parameters. */
  public PluginSpec {
    name = name.trim().toLowerCase(Locale.ROOT);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Parses {@code NAME[:key=value,...]}.
   *
   * @throws PluginException if the text is empty or a parameter is not {@code key=value}
   */
  public static PluginSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new PluginException("empty plugin name; expected NAME[:key=value,...]");
    }
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    if (name.isBlank()) {
      throw new PluginException("missing plugin name in '" + text + "'; expected NAME[:key=value,...]");
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
    return new PluginSpec(name, params);
  }

  @Override
  public String toString() {
    if (params.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append(':');
    params.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }
}
