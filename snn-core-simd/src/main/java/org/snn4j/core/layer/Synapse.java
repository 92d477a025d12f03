package org.snn4j.core.layer;

import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/**
 * What turns a layer's input into its neurons' input currents, over all {@code T·B} rows of a batch: dense ({@link
 * org.snn4j.core.dense.DenseSynapse}) or convolutional. Joined with {@link NeuronDynamics} in a {@link
 * SpikingLayer}.
 */
public interface Synapse {
  Shape inputShape();

  /** The currents' shape, one current per neuron. */
  Shape outputShape();

  /** The weights (live, not a copy), in the synapse's own layout. */
  float[] weight();

  /** The biases, one per output (live, not a copy). */
  float[] bias();

  /** The learnable parameters, named with {@code prefix} (e.g. {@code layer0.}): weights first, then bias. */
  List<Parameter> parameters(String prefix);

  /** A copy with its own weights, equal to these now, and the same settings. */
  Synapse copy();

  /** Scratch for this synapse's passes, one per tape. */
  Scratch newScratch(Tuning tuning);

  /** {@code current [rows][out]} from {@code input}, for the rows the scratch is sized for. */
  void forward(Activation input, float[] current, Scratch scratch, WorkerPool pool);

  /**
   * From dL/dI ({@code gradCurrent [rows][out]}, after {@link #forward} of {@code input}) to the weight and bias
   * gradients and, when {@code gradInput} is not null, dL/dx {@code [rows][in]}.
   *
   * @param liveSamples per sample, whether its loss gradient is non-zero, or null: the rows of the others are zeros
   *     in {@code gradCurrent} and are filled with zeros in {@code gradInput}
   */
  void backward(
      Activation input, float[] gradCurrent, boolean[] liveSamples, float[] gradInput, Scratch scratch,
      WorkerPool pool);

  /** A synapse's scratch: sized for a capacity of rows, reused. */
  interface Scratch {
    void ensure(int timesteps, int batch);

    /** Bytes of scratch per row. */
    long scratchBytesPerRow();

    /** See {@link Tape#freezeWeights()}. */
    default void freezeWeights() {}

    /** See {@link Tape#weightPacks()}. */
    default long weightPacks() {
      return 0;
    }
  }
}
