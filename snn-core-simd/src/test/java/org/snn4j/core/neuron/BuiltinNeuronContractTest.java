package org.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginSpec;
import org.snn4j.plugins.PluginRegistry;
import org.snn4j.testkit.NeuronContractTestCase;

/** Every built-in neuron passes snn-testkit's neuron contract, as a third party's must. */
class BuiltinNeuronContractTest {
  static NeuronModel create(String spec) {
    PluginSpec s = PluginSpec.parse(spec);
    return PluginRegistry.load(NeuronFactory.class).get(s.name()).create(s);
  }

  @Nested
  class Lif extends NeuronContractTestCase {
    @Override
    protected NeuronFactory factory() {
      return new LifNeuronFactory();
    }

    @Override
    protected List<Map<String, String>> parameterSets() {
      return List.of(Map.of(), Map.of("decay", "0.5", "detach_reset", "true"), Map.of("decay", "0", "vth", "1"),
          Map.of("decay", "1", "vth", "0.25"));
    }

    @Override
    protected List<Map<String, String>> invalidParameterSets() {
      return List.of(Map.of("decay", "1.5"), Map.of("decay", "-0.1"), Map.of("vth", "high"),
          Map.of("detach_reset", "maybe"));
    }
  }

  @Nested
  class If extends NeuronContractTestCase {
    @Override
    protected NeuronFactory factory() {
      return new IfNeuronFactory();
    }

    @Override
    protected List<Map<String, String>> parameterSets() {
      return List.of(Map.of(), Map.of("vth", "1", "detach_reset", "true"));
    }

    @Override
    protected List<Map<String, String>> invalidParameterSets() {
      return List.of(Map.of("vth", "NaN"), Map.of("detach_reset", "yes"));
    }
  }

  @Nested
  class Plif extends NeuronContractTestCase {
    @Override
    protected NeuronFactory factory() {
      return new PlifNeuronFactory();
    }

    @Override
    protected List<Map<String, String>> parameterSets() {
      return List.of(Map.of(), Map.of("init_decay", "0.9", "detach_reset", "true"), Map.of("init_decay", "0.01"));
    }

    @Override
    protected List<Map<String, String>> invalidParameterSets() {
      return List.of(Map.of("init_decay", "0"), Map.of("init_decay", "1"), Map.of("vth", "x"));
    }
  }

  @Nested
  class Alif extends NeuronContractTestCase {
    @Override
    protected NeuronFactory factory() {
      return new AlifNeuronFactory();
    }

    @Override
    protected List<Map<String, String>> parameterSets() {
      return List.of(Map.of(), Map.of("detach_reset", "true", "beta", "1.5", "rho", "0.5"),
          Map.of("decay", "0.9", "beta", "0", "rho", "1"));
    }

    @Override
    protected List<Map<String, String>> invalidParameterSets() {
      return List.of(Map.of("beta", "-1"), Map.of("rho", "1.1"), Map.of("decay", "2"), Map.of("detach_reset", "2"));
    }
  }

  @Test
  void factoriesAreFoundByNameWithTheirDefaults() {
    PluginRegistry<NeuronFactory> r = PluginRegistry.load(NeuronFactory.class);
    assertEquals(List.of("alif", "if", "lif", "plif"), r.names());
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
