package org.snn4j.api;

/**
 * A spiking neuron's dynamics as a scalar contract: how the membrane charges from its previous state and an input
 * current, when it fires, and the partial derivatives BPTT needs. Kernels may implement the same math in bulk; this
 * interface is the specification they are tested against.
 */
public interface NeuronModel {
  /** The neuron's plugin name, e.g. {@code lif}. */
  String name();

  /** The firing threshold {@code vth}. */
  float threshold();

  /** {@code u[t]} from {@code u[t-1]}, {@code o[t-1]} and the input current {@code W x[t] + b}. */
  float charge(float previousMembrane, boolean previousSpike, float current);

  /** {@code o[t]}: whether a neuron with membrane {@code u} fires; {@code u - vth > 0} by default. */
  default boolean fires(float membrane) {
    return membrane - threshold() > 0;
  }

  /** {@code ∂u[t]/∂u[t-1]}. */
  float membraneGradient(float previousMembrane, boolean previousSpike);

  /** {@code ∂u[t]/∂o[t-1]}, the gradient through the reset; 0 when the reset is detached. */
  float resetGradient(float previousMembrane, boolean previousSpike);
}
