package org.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginRegistry;
import org.snn4j.api.PluginSpec;

class BuiltinNeuronContractTest {
  static NeuronModel create(String spec) {
    PluginSpec s = PluginSpec.parse(spec);
    return PluginRegistry.load(NeuronFactory.class).get(s.name()).create(s);
  }

  @Nested
  class Lif extends NeuronContractCase {
    @Override
    protected NeuronModel neuron() {
      return create("lif");
    }
  }

  @Nested
  class LifDetached extends NeuronContractCase {
    @Override
    protected NeuronModel neuron() {
      return create("lif:detach_reset=true,decay=0.5");
    }

    @Override
    protected boolean resetDetached() {
      return true;
    }
  }

  @Nested
  class If extends NeuronContractCase {
    @Override
    protected NeuronModel neuron() {
      return create("if");
    }
  }

  @Nested
  class Plif extends NeuronContractCase {
    @Override
    protected NeuronModel neuron() {
      return create("plif:init_decay=0.3");
    }
  }

  @Nested
  class Alif extends NeuronContractCase {
    @Override
    protected NeuronModel neuron() {
      return create("alif");
    }
  }

  @Test
  void factoriesAreFoundByNameWithTheirDefaults() {
    PluginRegistry<NeuronFactory> r = PluginRegistry.load(NeuronFactory.class);
    assertEquals(java.util.List.of("alif", "if", "lif", "plif"), r.names());
    assertEquals(LifNeuron.PAPER, create("LIF"));
    assertEquals(new LifNeuron(1f, 0.5f, false), create("if"));
    for (String name : r.names()) {
      NeuronModel n = create(name);
      assertEquals(n, create(n.spec()), name + ": spec() recreates the neuron");
    }
  }

  @Test
  void badParametersNameTheNeuronAndParameter() {
    PluginException e = assertThrows(PluginException.class, () -> create("lif:decay=1.5"));
    assertTrue(e.getMessage().contains("lif") && e.getMessage().contains("'decay'"), e.getMessage());
    e = assertThrows(PluginException.class, () -> create("plif:init_decay=1"));
    assertTrue(e.getMessage().contains("init_decay"), e.getMessage());
    e = assertThrows(PluginException.class, () -> create("alif:detach_reset=maybe"));
    assertTrue(e.getMessage().contains("detach_reset"), e.getMessage());
    e = assertThrows(PluginException.class, () -> create("alif:gamma=1"));
    assertTrue(e.getMessage().contains("gamma"), e.getMessage());
  }
}
