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
 * does, unless {@code detachReset} treats {@code o[t-1]} there as a constant.
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
  public float charge(float previousMembrane, boolean previousSpike, float current) {
    return (previousSpike ? 0f : decay * previousMembrane) + current;
  }

  @Override
  public float membraneGradient(float previousMembrane, boolean previousSpike) {
    return previousSpike ? 0f : decay;
  }

  @Override
  public float resetGradient(float previousMembrane, boolean previousSpike) {
    return detachReset ? 0f : -decay * previousMembrane;
  }
}
