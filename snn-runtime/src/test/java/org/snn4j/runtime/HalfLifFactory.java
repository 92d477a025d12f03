package org.snn4j.runtime;

import java.util.Map;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginParams;

/**
 * A plugin neuron for the tests, registered only inside a jar the test writes (not on the class path): LIF with
 * decay 0.5 and threshold 0.5, through the scalar contract.
 */
public final class HalfLifFactory implements NeuronFactory {
  /** For ServiceLoader. */
  public HalfLifFactory() {}

  @Override
  public String name() {
    return "halflif";
  }

  @Override
  public String description() {
    return "test neuron: u = 0.5·u·(1-o) + I, fires above 0.5";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    return Map.of();
  }

  @Override
  public NeuronModel create(PluginParams p) {
    return new Neuron();
  }

  /** The neuron. */
  public static final class Neuron implements NeuronModel {
    @Override
    public String name() {
      return "halflif";
    }

    @Override
    public void update(
        float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next, int nextFrom) {
      next[nextFrom] = (prevSpike ? 0f : 0.5f * prev[prevFrom]) + current;
    }

    @Override
    public float spikeArgument(float[] params, float[] state, int from) {
      return state[from] - 0.5f;
    }

    @Override
    public void spikeArgumentBackward(
        float[] params, float[] state, int from, float gradZ, float[] gradState, int gradFrom, float[] gradParams) {
      gradState[gradFrom] += gradZ;
    }

    @Override
    public void updateBackward(
        float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
        int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs) {
      gradInputs[0] = gradNext[gradNextFrom];
      gradInputs[1] = 0f;
      if (!prevSpike) {
        gradPrev[gradPrevFrom] += 0.5f * gradNext[gradNextFrom];
      }
    }
  }
}
