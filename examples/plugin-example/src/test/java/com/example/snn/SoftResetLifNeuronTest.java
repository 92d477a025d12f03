package com.example.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.testkit.NeuronContractTestCase;

/** snn4j's neuron contract (found by name, gradients against finite differences, purity...), the formula by hand. */
class SoftResetLifNeuronTest extends NeuronContractTestCase {
  @Override
  protected NeuronFactory factory() {
    return new SoftResetLifNeuron();
  }

  @Override
  protected List<Map<String, String>> parameterSets() {
    return List.of(Map.of(), Map.of("decay", "0.9", "vth", "1"), Map.of("decay", "1", "detach_reset", "true"));
  }

  @Override
  protected List<Map<String, String>> invalidParameterSets() {
    return List.of(Map.of("decay", "1.5"), Map.of("vth", "0"), Map.of("vth", "high"), Map.of("detach_reset", "no"));
  }

  @Test
  void aSpikeSubtractsTheThresholdAndKeepsTheRest() {
    NeuronModel n = neuron(Map.of("decay", "0.5", "vth", "1"));
    float[] none = {};
    float[] u = new float[1];
    n.update(none, new float[] {3f}, 0, true, 0.25f, u, 0);
    assertEquals(0.5f * 3f + 0.25f - 1f, u[0]);
    assertEquals(0.75f - 1f, n.spikeArgument(none, u, 0));
    n.update(none, new float[] {3f}, 0, false, 0.25f, u, 0);
    assertEquals(1.75f, u[0]);
  }

  @Test
  void theResetGradientIsMinusTheThreshold() {
    float[] inputs = new float[2];
    float[] gradPrev = new float[1];
    neuron(Map.of("vth", "0.75")).updateBackward(new float[0], new float[] {2f}, 0, false, 0f, new float[] {2f}, 0,
        gradPrev, 0, new float[0], inputs);
    assertEquals(0.4f, gradPrev[0]);
    assertEquals(2f, inputs[0]);
    assertEquals(-1.5f, inputs[1]);
  }
}
