package org.snn4j.surrogates;

import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;

/**
 * Reads the one parameter a surrogate curve takes, a width {@code a} or a sharpness {@code alpha}, and rejects
 * values whose curve would not fit a float.
 */
final class CurveParameter {
  // Beyond these bounds a curve's height (up to 1/a or alpha) or its support would overflow or flush to zero in
  // float, turning the gradient into Inf or silently into 0 everywhere.
  private static final double MIN = 1e-30;
  private static final double MAX = 1e30;

  private CurveParameter() {}

  /**
   * The value of {@code key} for {@code plugin}.
   *
   * @throws PluginException if it is not a number in [1e-30, 1e30]; the message names the plugin and the key
   */
  static double read(String plugin, String key, PluginParams params) {
    double v = params.getPositive(key);
    if (v < MIN || v > MAX) {
      throw new PluginException(
          plugin + ": parameter '" + key + "' must be between 1e-30 and 1e30, got " + params.get(key));
    }
    return v;
  }
}
