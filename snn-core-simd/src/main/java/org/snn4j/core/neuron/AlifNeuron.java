package org.snn4j.core.neuron;

import org.snn4j.api.NeuronModel;

/**
 * LIF with an adaptive threshold (after Bellec et al. 2018's ALIF), in STBP's iterative form. State {@code (u, a)}:
 *
 * <pre>
 *   a[t] = rho·a[t-1] + o[t-1]
 *   u[t] = decay·u[t-1]·(1 - o[t-1]) + I[t]
 *   z[t] = u[t] - (vth + beta·a[t])        every spike raises the threshold, which relaxes by rho per step
 * </pre>
 *
 * @param decay membrane leak in [0, 1]
 * @param threshold base threshold vth
 * @param beta threshold increase per unit of adaptation, ≥ 0
 * @param rho adaptation decay in [0, 1]
 * @param detachReset whether the reset is excluded from the gradient (the adaptation path always carries it)
 */
public record AlifNeuron(float decay, float threshold, float beta, float rho, boolean detachReset)
    implements NeuronModel {
  @Override
  public String name() {
    return "alif";
  }

  @Override
  public String spec() {
    return "alif:beta=" + beta + ",decay=" + decay + ",detach_reset=" + detachReset + ",rho=" + rho + ",vth="
        + threshold;
  }

  @Override
  public int stateSize() {
    return 2;
  }

  @Override
  public void update(
      float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next, int nextFrom) {
    next[nextFrom] = (prevSpike ? 0f : decay * prev[prevFrom]) + current;
    next[nextFrom + 1] = rho * prev[prevFrom + 1] + (prevSpike ? 1f : 0f);
  }

  @Override
  public float spikeArgument(float[] params, float[] state, int from) {
    return state[from] - (threshold + beta * state[from + 1]);
  }

  @Override
  public void spikeArgumentBackward(
      float[] params, float[] state, int from, float gradZ, float[] gradState, int gradFrom, float[] gradParams) {
    gradState[gradFrom] += gradZ;
    gradState[gradFrom + 1] += -beta * gradZ;
  }

  @Override
  public void updateBackward(
      float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
      int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs) {
    float gu = gradNext[gradNextFrom];
    float ga = gradNext[gradNextFrom + 1];
    if (!prevSpike) {
      gradPrev[gradPrevFrom] += gu * decay;
    }
    gradPrev[gradPrevFrom + 1] += ga * rho;
    gradInputs[0] = gu;
    gradInputs[1] = (detachReset ? 0f : gu * (-decay * prev[prevFrom])) + ga;
  }
}
