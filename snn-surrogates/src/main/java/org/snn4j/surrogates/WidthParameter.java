package org.snn4j.surrogates;

import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;

/** Reads the width {@code a} that every surrogate takes, and rejects widths whose curve would not fit a float. */
final class WidthParameter {
  static final String KEY = "a";

  // Beyond these bounds a curve's height (up to 1/a) or its support would overflow or flush to zero in float,
  // turning the gradient into Inf or silently into 0 everywhere.
  private static final double MIN = 1e-30;
  private static final double MAX = 1e30;

  private WidthParameter() {}

  /**
   * The width {@code a} of {@code plugin}.
   *
   * @throws PluginException if it is not a number in [1e-30, 1e30]
   */
  static double read(String plugin, PluginParams params) {
    double a = params.getPositive(KEY);
    if (a < MIN || a > MAX) {
      throw new PluginException(
          plugin + ": parameter '" + KEY + "' must be between 1e-30 and 1e30, got " + params.get(KEY));
    }
    return a;
  }
}
