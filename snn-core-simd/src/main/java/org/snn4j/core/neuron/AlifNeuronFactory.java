package org.snn4j.core.neuron;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginParams;

/**
 * {@code alif}: LIF with an adaptive threshold ({@link AlifNeuron}); defaults decay 0.2, vth 0.5, beta 0.2,
 * rho 0.9.
 */
public final class AlifNeuronFactory implements NeuronFactory {
  /** Creates the factory; ServiceLoader needs this constructor. */
  public AlifNeuronFactory() {}

  @Override
  public String name() {
    return "alif";
  }

  @Override
  public String description() {
    return "adaptive-threshold LIF: z = u - (vth + beta*a), a = rho*a + o";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("decay", "0.2");
    d.put("vth", "0.5");
    d.put("beta", "0.2");
    d.put("rho", "0.9");
    d.put("detach_reset", "false");
    return d;
  }

  @Override
  public NeuronModel create(PluginParams p) {
    return new AlifNeuron(
        (float) p.getDoubleIn("decay", 0, 1),
        (float) p.getDouble("vth"),
        (float) p.getDoubleIn("beta", 0, 1e6),
        (float) p.getDoubleIn("rho", 0, 1),
        p.getBoolean("detach_reset"));
  }
}
