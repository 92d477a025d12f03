package org.snn4j.core.neuron;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginParams;

/**
 * {@code lif}: STBP's iterative leaky integrate-and-fire neuron ({@link LifNeuron}), {@code u[t] =
 * decay·u[t-1]·(1 - o[t-1]) + I[t]}, firing when {@code u - vth > 0}. Defaults: the paper's decay 0.2, vth 0.5,
 * gradient through the reset. Trains on the vectorized fast path.
 */
public final class LifNeuronFactory implements NeuronFactory {
  /** Creates the factory; ServiceLoader needs this constructor. */
  public LifNeuronFactory() {}

  @Override
  public String name() {
    return "lif";
  }

  @Override
  public String description() {
    return "leaky integrate-and-fire u = decay*u*(1-o) + I (STBP; vectorized fast path)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("decay", "0.2");
    d.put("vth", "0.5");
    d.put("detach_reset", "false");
    return d;
  }

  @Override
  public NeuronModel create(PluginParams p) {
    return new LifNeuron(
        (float) p.getDoubleIn("decay", 0, 1),
        (float) p.getDouble("vth"),
        p.getBoolean("detach_reset"));
  }
}
