package org.snn4j.core.net;

import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;

/** LIF through the generic neuron contract (not a {@link LifNeuron}, so layers take the generic path). */
record DelegatingNeuron(LifNeuron lif) implements NeuronModel {
  @Override
  public String name() {
    return "generic-lif";
  }

  @Override
  public void update(
      float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next, int nextFrom) {
    lif.update(params, prev, prevFrom, prevSpike, current, next, nextFrom);
  }

  @Override
  public float spikeArgument(float[] params, float[] state, int from) {
    return lif.spikeArgument(params, state, from);
  }

  @Override
  public void spikeArgumentBackward(
      float[] params, float[] state, int from, float gradZ, float[] gradState, int gradFrom, float[] gradParams) {
    lif.spikeArgumentBackward(params, state, from, gradZ, gradState, gradFrom, gradParams);
  }

  @Override
  public void updateBackward(
      float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
      int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs) {
    lif.updateBackward(params, prev, prevFrom, prevSpike, current, gradNext, gradNextFrom, gradPrev, gradPrevFrom,
        gradParams, gradInputs);
  }
}
