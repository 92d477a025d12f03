package org.snn4j.api;

/**
 * The iterative leaky integrate-and-fire neuron of STBP (Wu et al. 2018):
 *
 * <pre>
 *   u[t] = decay * u[t-1] * (1 - o[t-1]) + W x[t] + b      u[-1] = 0, o[-1] = 0
 *   o[t] = 1 if u[t] - vth &gt; 0 else 0
 * </pre>
 *
 * <p>The backward pass differentiates through the reset factor {@code (1 - o[t-1])} as the paper's reference code
 * does, unless {@code detachReset} treats {@code o[t-1]} there as a constant. With {@code decay = 1} it is the
 * integrate-and-fire ({@code if}) neuron. Training uses a vectorized fast path for this neuron; the scalar
 * contract below is its specification.
 *
 * @param decay the leak factor, in [0, 1]
 * @param threshold the firing threshold {@code vth}
 * @param detachReset whether the reset factor is excluded from the gradient
 */
public record LifNeuron(float decay, float threshold, boolean detachReset) implements NeuronModel {

  /** The paper's defaults: decay 0.2, vth 0.5, gradient through the reset. */
  public static final LifNeuron PAPER = new LifNeuron(0.2f, 0.5f, false);

  /** Checks the parameters. */
  public LifNeuron {
    if (!(decay >= 0 && decay <= 1)) {
      throw new IllegalArgumentException("decay must be in [0, 1], got " + decay);
    }
    if (!Float.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, got " + threshold);
    }
  }

  @Override
  public String name() {
    return "lif";
  }

  @Override
  public String spec() {
    return "lif:decay=" + decay + ",detach_reset=" + detachReset + ",vth=" + threshold;
  }

  /** {@code u[t]} from {@code u[t-1]}, {@code o[t-1]} and the input current. */
  public float charge(float previousMembrane, boolean previousSpike, float current) {
    return (previousSpike ? 0f : decay * previousMembrane) + current;
  }

  /** Whether a neuron with membrane {@code u} fires: {@code u - vth > 0}. */
  public boolean fires(float membrane) {
    return membrane - threshold > 0;
  }

  /** {@code ∂u[t]/∂u[t-1]}. */
  public float membraneGradient(float previousMembrane, boolean previousSpike) {
    return previousSpike ? 0f : decay;
  }

  /** {@code ∂u[t]/∂o[t-1]}, the gradient through the reset; 0 when the reset is detached. */
  public float resetGradient(float previousMembrane, boolean previousSpike) {
    return detachReset ? 0f : -decay * previousMembrane;
  }

  @Override
  public void update(
      float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next, int nextFrom) {
    next[nextFrom] = charge(prev[prevFrom], prevSpike, current);
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
    gradPrev[gradPrevFrom] += g * membraneGradient(prev[prevFrom], prevSpike);
    gradInputs[0] = g;
    gradInputs[1] = g * resetGradient(prev[prevFrom], prevSpike);
  }
}
