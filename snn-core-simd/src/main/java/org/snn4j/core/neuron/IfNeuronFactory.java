package org.snn4j.core.neuron;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginParams;

/**
 * {@code if}: integrate-and-fire without leak, {@code u[t] = u[t-1]·(1 - o[t-1]) + I[t]}: the LIF neuron with decay
 * 1, so it trains on the same fast path (model files record it as {@code lif:decay=1.0}). Default vth 0.5.
 */
public final class IfNeuronFactory implements NeuronFactory {
  /** Creates the factory; ServiceLoader needs this constructor. */
  public IfNeuronFactory() {}

  @Override
  public String name() {
    return "if";
  }

  @Override
  public String description() {
    return "integrate-and-fire, no leak: u = u*(1-o) + I";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("vth", "0.5");
    d.put("detach_reset", "false");
    return d;
  }

  @Override
  public NeuronModel create(PluginParams p) {
    return new LifNeuron(1f, (float) p.getDouble("vth"), p.getBoolean("detach_reset"));
  }
}
