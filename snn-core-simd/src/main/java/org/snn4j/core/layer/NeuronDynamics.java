package org.snn4j.core.layer;

import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * What turns a layer's input currents into spikes over T: {@code n} neurons per (step, sample) on flat {@code
 * [rows][n]} currents, so any {@link Synapse} can feed them. Two implementations: the vectorized LIF path ({@link
 * LifDynamics}) and any {@link NeuronModel} through its scalar contract ({@link ScalarNeuronDynamics}).
 */
public interface NeuronDynamics {
  /** The LIF fast path for a {@link LifNeuron}, the scalar contract for any other neuron. */
  static NeuronDynamics of(NeuronModel neuron, int n, Kernels kernels) {
    return neuron instanceof LifNeuron lif ? new LifDynamics(lif, n, kernels) : new ScalarNeuronDynamics(neuron, n, kernels);
  }

  /** Adds the own arrays of the dynamics {@link #of} makes: the scalar contract's neuron parameters, LIF none. */
  static void footprint(Footprint f, String layer, NeuronModel neuron) {
    if (!(neuron instanceof LifNeuron)) {
      ScalarNeuronDynamics.footprint(f, layer, neuron);
    }
  }

  /**
   * Adds what the {@link State} of the dynamics {@link #of} makes allocates for {@code timesteps × batch} rows of
   * {@code n} neurons.
   *
   * @param surrogate the trainer's surrogate, or null when the state only runs forward
   */
  static void stateFootprint(
      Footprint f, String layer, NeuronModel neuron, int n, int timesteps, int batch, SurrogateGradient surrogate) {
    if (neuron instanceof LifNeuron) {
      LifDynamics.stateFootprint(f, layer, n, timesteps, batch, surrogate);
    } else {
      ScalarNeuronDynamics.stateFootprint(f, layer, neuron, n, timesteps, batch, surrogate != null);
    }
  }

  NeuronModel neuron();

  /** Neurons per (step, sample). */
  int size();

  /** The neuron's learnable parameters (live), empty when it has none. */
  float[] parameters();

  /** dLoss/d{@link #parameters()} of the last backward pass. */
  float[] parameterGradient();

  /** A copy with its own parameters, equal to these now. */
  NeuronDynamics copy();

  /** Per-tape state beyond the currents: neuron states, surrogate values, the jobs of the passes. */
  State newState();

  /**
   * The recurrence over all steps, from rest: {@code current [rows][n]} to {@code spikes [rows][words(n)]}; what
   * the backward pass needs stays in {@code current} (the LIF path turns it into membranes in place) and {@code
   * state}.
   */
  void forward(float[] current, long[] spikes, State state, int timesteps, int batch, WorkerPool pool);

  /**
   * The reverse recurrence: from dL/do ({@code gradSpikes [rows][n]}) to dL/dI in {@code gradCurrent}, and the
   * parameters' gradient.
   *
   * @param liveSamples per sample, whether its loss gradient is non-zero, or null: the others' rows of {@code
   *     gradCurrent} may be zero-filled
   */
  void backward(
      float[] gradSpikes, float[] current, long[] spikes, SurrogateGradient surrogate, boolean[] liveSamples,
      float[] gradCurrent, State state, int timesteps, int batch, WorkerPool pool);

  /** Per-tape state of the dynamics, sized for a capacity of rows. */
  interface State {
    /** Makes room for {@code rows} rows; drops what was sized for fewer. */
    void ensure(int rows);

    /** Bytes per row kept for the backward pass besides the spikes (membranes, or states and spike bytes). */
    long tapeBytesPerRow();

    /** Bytes of scratch per row (surrogate values). */
    long scratchBytesPerRow();
  }
}
