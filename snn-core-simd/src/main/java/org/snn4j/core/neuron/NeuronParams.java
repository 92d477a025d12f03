package org.snn4j.core.neuron;

import java.util.Locale;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;

/** Typed reads of neuron parameters, with messages that name the neuron and the parameter. */
final class NeuronParams {
  private NeuronParams() {}

  static float finite(String neuron, PluginParams p, String key) {
    return (float) p.getDouble(key);
  }

  static float inRange(String neuron, PluginParams p, String key, double min, double max, boolean openMin) {
    double v = p.getDouble(key);
    if (openMin ? !(v > min && v <= max) : !(v >= min && v <= max)) {
      throw new PluginException(
          neuron + ": parameter '" + key + "' must be in " + (openMin ? "(" : "[") + min + ", " + max + "], got "
              + p.get(key));
    }
    return (float) v;
  }

  static boolean bool(String neuron, PluginParams p, String key) {
    String v = p.get(key).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw new PluginException(neuron + ": parameter '" + key + "' must be true or false, got '" + p.get(key) + "'");
  }
}
