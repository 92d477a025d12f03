package org.snn4j.core.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snn4j.api.Layer;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A fully connected layer of spiking neurons with spiking input, run layer-at-a-time over all {@code T·B} rows of a
 * batch (row {@code r = t·B + b}):
 *
 * <pre>
 *   I[r] = x[r] W + b          x[r] ∈ {0,1}^in, W is [in][out] row-major      ({@link SpikeProducts})
 *   neuron dynamics over t      ({@link #neuronForward}, subclass)
 * </pre>
 *
 * The backward pass mirrors it: the subclass turns dL/do into dL/dI over reverse time ({@link #neuronBackward}),
 * then this class computes dL/dW (per input, the sum of dL/dI over the rows where it spiked), dL/db and, for a
 * layer above another, dL/dx.
 *
 * <p>Every output element is computed by one task in an order independent of the thread count, so training is
 * reproducible bit for bit with any number of threads.
 */
public abstract class DenseSpikingLayer implements Layer {
  final int in;
  final int out;
  final Kernels kernels;
  private final float[] weight;
  private final float[] bias;
  private final float[] weightGrad;
  private final float[] biasGrad;
  private final List<Parameter> parameters;
  private float[] weightTransposed;
  private SpikeProducts.Path path = SpikeProducts.Path.AUTO;

  /**
   * @param index position in the network, used for parameter names
   * @param neuronParams the neuron's learnable parameters and their gradients, or null when it has none
   */
  DenseSpikingLayer(int index, int in, int out, Kernels kernels, float[][] neuronParams) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("layer sizes must be positive, got " + in + "→" + out);
    }
    this.in = in;
    this.out = out;
    this.kernels = kernels;
    this.weight = new float[Math.multiplyExact(in, out)];
    this.bias = new float[out];
    this.weightGrad = new float[weight.length];
    this.biasGrad = new float[out];
    List<Parameter> list = new ArrayList<>();
    list.add(new Parameter("layer" + index + ".weight", weight, weightGrad));
    list.add(new Parameter("layer" + index + ".bias", bias, biasGrad));
    if (neuronParams != null) {
      list.add(new Parameter("layer" + index + ".neuron", neuronParams[0], neuronParams[1]));
    }
    this.parameters = List.copyOf(list);
  }

  /**
   * Adds a layer's own arrays: weights, biases and their gradients (the constructor), the neuron's parameters, and,
   * for a trained layer above another, the transposed weights of dL/dx ({@link #transposedWeights}).
   */
  static void footprint(Footprint f, String layer, int in, int out, int neuronParameters, boolean transposed) {
    long weights = Footprint.times(in, out);
    String what = layer + "'s weights (inputs × outputs)";
    f.floats(what, weights, false).floats(what, weights, false).floats(layer, out, false).floats(layer, out, false);
    f.floats(layer, neuronParameters, false).floats(layer, neuronParameters, false);
    if (transposed) {
      f.floats(what, weights, false);
    }
  }

  @Override
  public int inputSize() {
    return in;
  }

  @Override
  public int outputSize() {
    return out;
  }

  @Override
  public abstract NeuronModel neuron();

  /** The neuron's learnable parameters (live), empty when it has none. */
  public abstract float[] neuronParameters();

  /** The weights, row-major {@code [in][out]} (live, not a copy). */
  public float[] weight() {
    return weight;
  }

  /** The biases {@code [out]} (live, not a copy). */
  public float[] bias() {
    return bias;
  }

  /** dLoss/dW of the last backward pass, {@code [in][out]}. */
  public float[] weightGradient() {
    return weightGrad;
  }

  /** dLoss/db of the last backward pass. */
  public float[] biasGradient() {
    return biasGrad;
  }

  /** Forces the event-driven or the dense products (default {@link SpikeProducts.Path#AUTO}); results are equal. */
  public void setProductPath(SpikeProducts.Path path) {
    this.path = path;
  }

  SpikeProducts.Path productPath() {
    return path;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public SpikeTensor forward(SpikeTensor input) {
    if (input.size() != in) {
      throw new IllegalArgumentException("layer expects " + in + " inputs, got " + input.size());
    }
    LayerTape tape = newTape();
    tape.ensure(input.timesteps(), input.batch());
    int rows = tape.rows();
    long[] bits = new long[rows * tape.wordsIn];
    for (int r = 0; r < rows; r++) {
      kernels.packBits(input.data(), r * in, in, bits, r * tape.wordsIn);
    }
    try (WorkerPool serial = new WorkerPool(1)) {
      forward(bits, tape, serial);
    }
    return new SpikeTensor(input.timesteps(), input.batch(), out, SpikeBits.toBytes(tape.spikes, rows, out));
  }

  LayerTape newTape() {
    return new LayerTape(in, out, neuron().stateSize());
  }

  /**
   * Forward over all rows of {@code tape} (already sized); leaves states and spikes on the tape.
   *
   * @param input spikes as bits, {@code [rows][words(in)]} ({@link SpikeBits})
   */
  final void forward(long[] input, LayerTape tape, WorkerPool pool) {
    tape.input = input;
    tape.analogInput = null;
    SpikeProducts.forward(kernels, input, weight, bias, out, tape.current, tape.products, pool, path);
    neuronForward(tape, pool);
  }

  /** Forward with analog input currents {@code [rows][in]} (an encoding layer), through the dense GEMM. */
  final void forward(float[] input, LayerTape tape, WorkerPool pool) {
    tape.input = null;
    tape.analogInput = input;
    SpikeProducts.forwardAnalog(kernels, input, weight, bias, out, tape.current, tape.products, pool);
    neuronForward(tape, pool);
  }

  /** The neuron dynamics over T: from {@code tape.current} to states and {@code tape.spikes}. */
  abstract void neuronForward(LayerTape tape, WorkerPool pool);

  /**
   * The reverse neuron dynamics: from dL/do ({@code gradSpikes}) to dL/dI in {@code tape.gradCurrent}, and the
   * neuron parameters' gradient.
   */
  abstract void neuronBackward(float[] gradSpikes, LayerTape tape, SurrogateGradient surrogate, WorkerPool pool);

  /**
   * Backward over the rows of {@code tape}, after {@link #forward}.
   *
   * @param gradSpikes dLoss/do[t] from the layer above or the loss, {@code [rows][out]}
   * @param gradInput receives dLoss/dx[t], {@code [rows][in]}; {@code null} for the first layer
   */
  final void backward(
      float[] gradSpikes, LayerTape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool pool) {
    neuronBackward(gradSpikes, tape, surrogate, pool);
    float[] gu = tape.gradCurrent;
    if (tape.biasBody == null) {
      tape.biasBody = (c0, c1) -> biasGradient(tape, c0, c1);
      tape.gradInputBody = (r0, r1) -> inputGradient(tape, r0, r1);
    }
    boolean biasDone = false;
    tape.products.lossLive = tape.liveSamples;
    if (tape.analogInput != null) {
      SpikeProducts.weightGradientAnalog(kernels, tape.analogInput, gu, out, weightGrad, tape.products, pool);
    } else {
      biasDone =
          SpikeProducts.weightGradient(kernels, tape.input, gu, out, weightGrad, biasGrad, tape.products, pool, path);
    }
    if (!biasDone) {
      pool.forRange(out, 16, tape.biasBody);
    }

    if (gradInput != null) {
      tape.weightTransposed = transposedWeights();
      tape.gradInput = gradInput;
      try {
        pool.forRange(tape.rows(), 8, tape.gradInputBody);
      } finally {
        tape.gradInput = null;
      }
    }
  }

  /** dL/db for outputs {@code [c0, c1)}: the sum of dL/dI over rows, ascending. */
  private void biasGradient(LayerTape tape, int c0, int c1) {
    float[] gu = tape.gradCurrent;
    Arrays.fill(biasGrad, c0, c1, 0f);
    for (int r = 0, rows = tape.rows(); r < rows; r++) {
      kernels.add(gu, r * out + c0, biasGrad, c0, c1 - c0);
    }
  }

  /**
   * dL/dx for rows {@code [r0, r1)}: {@code Σ_j dL/dI[r][j] · W[·][j]}, over {@code j} ascending; zeros for the rows
   * of samples whose loss gradient is zero ({@link LayerTape#liveSamples}).
   */
  private void inputGradient(LayerTape tape, int r0, int r1) {
    float[] gu = tape.gradCurrent;
    float[] wT = tape.weightTransposed;
    float[] gradInput = tape.gradInput;
    boolean[] live = tape.liveSamples;
    int batch = tape.batch;
    for (int r = r0; r < r1; r++) {
      if (live == null || live[r % batch]) {
        kernels.combineRows(gu, r * out, out, wT, in, gradInput, r * in, in);
      } else {
        Arrays.fill(gradInput, r * in, (r + 1) * in, 0f);
      }
    }
  }

  private float[] transposedWeights() {
    if (weightTransposed == null) {
      weightTransposed = new float[weight.length];
    }
    float[] wT = weightTransposed;
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < out; j++) {
        wT[j * in + i] = weight[i * out + j];
      }
    }
    return wT;
  }
}
