package org.snn4j.api;

import java.util.List;

/**
 * One layer of spiking neurons that runs over all time steps of a batch at once (time-major).
 */
public interface Layer {
  /** Number of inputs per sample and step. */
  int inputSize();

  /** Number of neurons. */
  int outputSize();

  /** The neuron dynamics, or null for a layer without neurons (flatten, pooling). */
  default NeuronModel neuron() {
    return null;
  }

  /**
   * Runs the layer: input spikes {@code [T][B][in]} to output spikes {@code [T][B][out]}, starting from rest.
   * Inference only; keeps no state for a backward pass.
   */
  SpikeTensor forward(SpikeTensor input);

  /** The learnable parameters (weights first, then bias). */
  List<Parameter> parameters();
}
