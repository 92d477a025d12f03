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
    float init = NeuronParams.inRange(name(), p, "init_decay", 0, 1, true);
    if (init >= 1f) {
      throw new org.snn4j.api.PluginException(name() + ": parameter 'init_decay' must be below 1, got " + init);
    }
    return new PlifNeuron(init, NeuronParams.finite(name(), p, "vth"), NeuronParams.bool(name(), p, "detach_reset"));
  }
}
