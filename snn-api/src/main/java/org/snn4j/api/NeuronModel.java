package org.snn4j.api;

/**
 * A spiking neuron's dynamics as a scalar contract, the specification every training path follows. A neuron has
 * {@link #stateSize()} floats of state {@code s} (the membrane {@code u} for LIF; {@code u} and an adaptation for
 * ALIF), starting at zero with no previous spike, and a layer may share {@link #parameterCount()} learnable
 * parameters {@code θ} (PLIF's decay). Per time step:
 *
 * <pre>
 *   s[t] = update(θ, s[t-1], o[t-1], I[t])        I[t] = W x[t] + b, the input current
 *   z[t] = spikeArgument(θ, s[t])                  o[t] = 1 if z[t] &gt; 0 else 0
 * </pre>
 *
 * <p>STBP differentiates through both functions with the spike's derivative replaced by a surrogate {@code h(z)}.
 * The two backward methods give the partial derivatives; a contract test checks them against finite differences.
 * Implementations are immutable and thread-safe; arrays are read at the given offsets and only the documented
 * outputs are written. The built-in {@code lif} also has a fast vectorized path; any other neuron trains through
 * this contract, more slowly.
 */
public interface NeuronModel {
  /** The plugin name, e.g. {@code lif}. */
  String name();

  /**
   * The spec that recreates this neuron through its {@link NeuronFactory}, e.g. {@code
   * alif:beta=0.2,decay=0.2,detach_reset=false,rho=0.9,vth=0.5}; model files store it.
   */
  default String spec() {
    return name();
  }

  /** Floats of state per neuron (at least 1). */
  default int stateSize() {
    return 1;
  }

  /** Learnable parameters shared by all neurons of a layer (0 by default). */
  default int parameterCount() {
    return 0;
  }

  /** Writes the initial values of the learnable parameters to {@code params[0 .. parameterCount())}. */
  default void initialParameters(float[] params) {}

  /** A readable name of learnable parameter {@code i}, e.g. {@code decay}. */
  default String parameterName(int i) {
    return "p" + i;
  }

  /**
   * The state update {@code s[t] = update(θ, s[t-1], o[t-1], I[t])}: reads {@code prev[prevFrom ..
   * prevFrom+stateSize)}, writes {@code next[nextFrom .. nextFrom+stateSize)}.
   */
  void update(float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next, int nextFrom);

  /** {@code z = spikeArgument(θ, s)}: the neuron fires when it is {@code > 0}; the surrogate is evaluated at it. */
  float spikeArgument(float[] params, float[] state, int from);

  /**
   * Backward through {@link #spikeArgument}: adds {@code gradZ · ∂z/∂s} to {@code gradState[gradFrom ..]} and {@code
   * gradZ · ∂z/∂θ} to {@code gradParams}.
   */
  void spikeArgumentBackward(
      float[] params, float[] state, int from, float gradZ, float[] gradState, int gradFrom, float[] gradParams);

  /**
   * Backward through {@link #update}, given {@code gradNext = dL/ds[t]} at {@code gradNext[gradNextFrom ..]}: adds
   * {@code dL/ds[t-1]} to {@code gradPrev[gradPrevFrom ..]} and {@code dL/dθ} to {@code gradParams}; sets {@code
   * gradInputs[0] = dL/dI[t]} and {@code gradInputs[1] = dL/do[t-1]} (0 when the reset is detached).
   */
  void updateBackward(
      float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
      int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs);
}
