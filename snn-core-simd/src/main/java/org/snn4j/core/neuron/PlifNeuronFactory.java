package org.snn4j.core.neuron;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginParams;

/** {@code plif}: LIF with a learnable decay per layer ({@link PlifNeuron}); defaults init_decay 0.2, vth 0.5. */
public final class PlifNeuronFactory implements NeuronFactory {
  /** Creates the factory; ServiceLoader needs this constructor. */
  public PlifNeuronFactory() {}

  @Override
  public String name() {
    return "plif";
  }

  @Override
  public String description() {
    return "parametric LIF: decay = sigmoid(w) learned per layer (SpikingJelly's PLIF)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("init_decay", "0.2");
    d.put("vth", "0.5");
    d.put("detach_reset", "false");
    return d;
  }

  @Override
  public NeuronModel create(PluginParams p) {
    float init = (float) p.getDoubleIn("init_decay", 0, 1);
    if (!(init > 0 && init < 1)) {
      // sigmoid(w) reaches neither end: the initial decay must lie strictly inside (0, 1)
      throw new org.snn4j.api.PluginException(
          name() + ": parameter 'init_decay' must be strictly between 0 and 1, got '" + p.get("init_decay") + "'");
    }
    return new PlifNeuron(init, (float) p.getDouble("vth"), p.getBoolean("detach_reset"));
  }
}
