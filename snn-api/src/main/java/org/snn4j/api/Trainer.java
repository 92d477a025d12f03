package org.snn4j.api;

/**
 * Trains a {@link Network} with spatio-temporal backpropagation (STBP): one forward pass over all time steps, the
 * loss on the output rates, the backward pass through time and layers, and one optimizer step.
 */
public interface Trainer {
  /** The network being trained. */
  Network network();

  /**
   * One training step on a batch.
   *
   * @param input spikes {@code [T][B][in]}
   * @param labels {@code [B]}
   * @return the batch loss before the update
   */
  float trainBatch(SpikeTensor input, int[] labels);

  /**
   * Forward pass without training; writes each sample's output rates {@code [B][K]} to {@code rates}.
   */
  void infer(SpikeTensor input, float[] rates);
}
