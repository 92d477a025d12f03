package org.snn4j.core.neuron;

import org.snn4j.api.NeuronModel;

/**
 * Parametric LIF (after SpikingJelly's {@code ParametricLIFNode}, Fang et al. 2021) in STBP's iterative form: the
 * leak is learned per layer as {@code decay = sigmoid(w)}:
 *
 * <pre>
 *   u[t] = sigmoid(w)·u[t-1]·(1 - o[t-1]) + I[t]        z = u - vth
 *   ∂u[t]/∂w = sigmoid(w)·(1 - sigmoid(w))·u[t-1]·(1 - o[t-1])
 * </pre>
 *
 * @param initialDecay the decay the parameter starts at, in (0, 1)
 * @param threshold vth
 * @param detachReset whether the reset is excluded from the gradient
 */
public record PlifNeuron(float initialDecay, float threshold, boolean detachReset) implements NeuronModel {
  @Override
  public String name() {
    return "plif";
  }

  @Override
  public String spec() {
    return "plif:detach_reset=" + detachReset + ",init_decay=" + initialDecay + ",vth=" + threshold;
  }

  @Override
  public int parameterCount() {
    return 1;
  }

  @Override
  public String parameterName(int i) {
    return "w (decay = sigmoid(w))";
  }

  @Override
  public void initialParameters(float[] params) {
    params[0] = (float) Math.log(initialDecay / (1.0 - initialDecay));
  }

  /** The decay this layer has learned, {@code sigmoid(w)} of its one parameter: the factor {@link #update} uses. */
  public static float decay(float[] params) {
    return (float) (1.0 / (1.0 + Math.exp(-params[0])));
  }

  @Override
  public void update(
      float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next, int nextFrom) {
    next[nextFrom] = (prevSpike ? 0f : decay(params) * prev[prevFrom]) + current;
  }

  @Override
  public float spikeArgument(float[] params, float[] state, int from) {
    return state[from] - threshold;
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
    float g = gradNext[gradNextFrom];
    float d = decay(params);
    float u = prev[prevFrom];
    if (!prevSpike) {
      gradPrev[gradPrevFrom] += g * d;
      gradParams[0] += g * d * (1f - d) * u;
    }
    gradInputs[0] = g;
    gradInputs[1] = detachReset ? 0f : g * (-d * u);
  }
}
