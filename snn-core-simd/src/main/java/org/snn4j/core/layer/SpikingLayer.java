package org.snn4j.core.layer;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A layer of spiking neurons: a {@link Synapse} (input to currents) and {@link NeuronDynamics} (currents to spikes
 * over T), joined by composition:
 *
 * <pre>
 *   forward   I = synapse(x)                 [rows][n]     (dense: {@link org.snn4j.core.dense.DenseProducts})
 *             I = tdbn(I)                    optional: {@link TdBatchNorm}, over the batch
 *             o = dynamics(I) over t         [rows][words(n)] bits
 *   backward  dL/dI = dynamics⁻¹(dL/do)       reverse time
 *             dL/dI = tdbn⁻¹(dL/dI)           optional
 *             dL/dW, dL/db, dL/dx = synapse⁻¹(dL/dI)
 * </pre>
 */
public final class SpikingLayer implements NetworkLayer {
  private final int index;
  private final Synapse synapse;
  private final NeuronDynamics dynamics;
  /** The optional normalization between synapse and dynamics; null when absent. */
  private final TdBatchNorm norm;
  private final Kernels kernels;
  private final List<Parameter> parameters;

  /**
   * @param index position in the network, used for parameter names ({@code layer0.weight})
   */
  public SpikingLayer(int index, Synapse synapse, NeuronDynamics dynamics, Kernels kernels) {
    this(index, synapse, null, dynamics, kernels);
  }

  /**
   * @param index position in the network, used for parameter names ({@code layer0.weight})
   * @param norm normalizes the synapse's currents before the dynamics, or null
   */
  public SpikingLayer(int index, Synapse synapse, TdBatchNorm norm, NeuronDynamics dynamics, Kernels kernels) {
    if (synapse.outputShape().size() != dynamics.size()) {
      throw new IllegalArgumentException(
          "the synapse makes " + synapse.outputShape() + " currents for " + dynamics.size() + " neurons");
    }
    this.index = index;
    this.synapse = synapse;
    this.dynamics = dynamics;
    this.norm = norm;
    this.kernels = kernels;
    List<Parameter> list = new ArrayList<>(synapse.parameters("layer" + index + "."));
    if (dynamics.parameters().length > 0) {
      list.add(new Parameter("layer" + index + ".neuron", dynamics.parameters(), dynamics.parameterGradient()));
    }
    if (norm != null) {
      if (norm.size() != synapse.outputShape().size()) {
        throw new IllegalArgumentException("tdbn of " + norm.size() + " currents after " + synapse.outputShape());
      }
      list.addAll(norm.parameters("layer" + index + "."));
    }
    this.parameters = List.copyOf(list);
  }

  public Synapse synapse() {
    return synapse;
  }

  public NeuronDynamics dynamics() {
    return dynamics;
  }

  /** The kernels its neuron dynamics and synapse were built with. */
  public Kernels kernels() {
    return kernels;
  }

  /** The normalization between synapse and dynamics, or null when the layer has none. */
  public TdBatchNorm norm() {
    return norm;
  }

  @Override
  public Shape inputShape() {
    return synapse.inputShape();
  }

  @Override
  public Shape outputShape() {
    return synapse.outputShape();
  }

  @Override
  public NeuronModel neuron() {
    return dynamics.neuron();
  }

  /** The synapse's weights (live, not a copy). */
  public float[] weight() {
    return synapse.weight();
  }

  /** The synapse's biases (live, not a copy). */
  public float[] bias() {
    return synapse.bias();
  }

  /** The neuron's learnable parameters (live), empty when it has none. */
  public float[] neuronParameters() {
    return dynamics.parameters();
  }

  /** dLoss/dW of the last backward pass. */
  public float[] weightGradient() {
    return parameters.get(0).gradient();
  }

  /** dLoss/db of the last backward pass. */
  public float[] biasGradient() {
    return parameters.get(1).gradient();
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The parameters' values, then a normalization's running mean and variance. */
  @Override
  public List<StoredArray> storedArrays() {
    if (norm == null) {
      return NetworkLayer.super.storedArrays();
    }
    List<StoredArray> list = new ArrayList<>(NetworkLayer.super.storedArrays());
    list.addAll(norm.statistics("layer" + index + "."));
    return List.copyOf(list);
  }

  /** Whether the layer's normalization mixes the samples of a batch (see {@link NetworkLayer#mixesSamples}). */
  @Override
  public boolean mixesSamples() {
    return norm != null;
  }

  @Override
  public SpikingLayer copy() {
    return new SpikingLayer(index, synapse.copy(), norm == null ? null : norm.copy(), dynamics.copy(), kernels);
  }

  @Override
  public SpikingTape newTape(Tuning tuning) {
    return new SpikingTape(inputSize(), outputSize(), dynamics.neuron().stateSize(), synapse.newScratch(tuning), dynamics.newState(),
        norm == null ? null : norm.newScratch());
  }

  /** Runs the layer alone, from rest, on a serial pool: input spikes {@code [T][B][in]} to its output spikes. */
  @Override
  public SpikeTensor forward(SpikeTensor input) {
    int in = inputSize();
    if (input.size() != in) {
      throw new IllegalArgumentException("layer expects " + in + " inputs, got " + input.size());
    }
    SpikingTape tape = newTape(Tuning.system());
    tape.ensure(input.timesteps(), input.batch());
    int rows = tape.rows();
    int words = SpikeBits.words(in);
    long[] bits = new long[rows * words];
    for (int r = 0; r < rows; r++) {
      kernels.packBits(input.data(), r * in, in, bits, r * words);
    }
    try (WorkerPool serial = new WorkerPool(1)) {
      forward(new Activation().setBits(bits), tape, serial);
    }
    int out = outputSize();
    return new SpikeTensor(input.timesteps(), input.batch(), out, SpikeBits.toBytes(tape.spikes, rows, out));
  }

  @Override
  public void forward(Activation input, Tape tape, WorkerPool pool) {
    forwardCurrents(input, tape, pool);
    SpikingTape s = (SpikingTape) tape;
    dynamics.forward(s.current, s.spikes, s.state, s.timesteps(), s.batch(), pool);
  }

  /**
   * The first half of {@link #forward}: the synapse and the normalization only, from {@code input} to the tape's
   * currents ({@link SpikingTape#currents()}), the neurons not run. A streaming session ({@link NeuronStepper}) runs
   * the neurons itself, one step at a time, carrying their state between calls.
   */
  public void forwardCurrents(Activation input, Tape tape, WorkerPool pool) {
    SpikingTape s = (SpikingTape) tape;
    s.input = input;
    if (norm == null) {
      synapse.forward(input, s.current, s.scratch, pool);
    } else {
      synapse.forward(input, s.norm.normalized(), s.scratch, pool);
      norm.forward(s.norm, s.current, s.rows(), s.training());
    }
  }

  /**
   * The second half of {@link #backward} for a layer run by {@link #forwardCurrents} only (a membrane readout): from
   * {@code dL/dI} {@code [rows][out]} (modified: the normalization's backward works in place) through the
   * normalization and the synapse to the parameters' gradients and {@code dL/dx} into {@code gradInput} (null for
   * the first layer).
   */
  public void backwardCurrents(float[] gradCurrent, Tape tape, float[] gradInput, WorkerPool pool) {
    SpikingTape s = (SpikingTape) tape;
    if (norm == null) {
      synapse.backward(s.input, gradCurrent, s.liveSamples, gradInput, s.scratch, pool);
      return;
    }
    norm.backward(gradCurrent, s.norm, s.rows());
    synapse.backward(s.input, gradCurrent, null, gradInput, s.scratch, pool);
  }

  @Override
  public void backward(
      float[] gradOutput, Tape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool pool) {
    SpikingTape s = (SpikingTape) tape;
    dynamics.backward(
        gradOutput, s.current, s.spikes, surrogate, s.liveSamples, s.gradCurrent, s.state, s.timesteps(), s.batch(),
        pool);
    if (norm == null) {
      synapse.backward(s.input, s.gradCurrent, s.liveSamples, gradInput, s.scratch, pool);
      return;
    }
    // The dynamics may zero-fill a dead sample's rows of dL/dy (its loss gradient is zero), but the batch's mean and
    // variance couple every row, so after the normalization those rows of dL/dI are not zero: the synapse must not
    // skip them.
    norm.backward(s.gradCurrent, s.norm, s.rows());
    synapse.backward(s.input, s.gradCurrent, null, gradInput, s.scratch, pool);
  }
}
