package org.snn4j.core.net;

import java.util.Arrays;
import java.util.List;
import org.snn4j.api.Layer;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A fully connected layer of STBP's iterative LIF neurons with spiking input:
 *
 * <pre>
 *   I[t] = x[t] W + b                          x[t] ∈ {0,1}^in, W is [in][out] row-major
 *   u[t] = decay·u[t-1]·(1 - o[t-1]) + I[t]    o[t] = (u[t] - vth &gt; 0)
 * </pre>
 *
 * <p>The whole batch runs layer-at-a-time: the currents of all {@code T·B} rows first (event-driven: the sum of the
 * weight rows that the row's spikes select), then the LIF recurrence over T. The backward pass mirrors it: the
 * reverse recurrence, then the weight gradient (per input, the sum of dLoss/du over the rows where it spiked), the
 * bias gradient and, for a layer above another, dLoss/dx.
 *
 * <p>Every output element is computed by one task in an order independent of the thread count, so training is
 * reproducible bit for bit with any number of threads.
 */
public final class DenseLifLayer implements Layer {
  private final int in;
  private final int out;
  private final LifNeuron neuron;
  private final float[] weight;
  private final float[] bias;
  private final float[] weightGrad;
  private final float[] biasGrad;
  private final List<Parameter> parameters;
  private final Kernels kernels;
  private float[] weightTransposed;
  private SpikeProducts.Path path = SpikeProducts.Path.AUTO;

  /**
   * A layer with zero weights; set them through {@link #weight()} and {@link #bias()}.
   *
   * @param index position in the network, used for parameter names
   */
  public DenseLifLayer(int index, int in, int out, LifNeuron neuron, Kernels kernels) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("layer sizes must be positive, got " + in + "→" + out);
    }
    this.in = in;
    this.out = out;
    this.neuron = neuron;
    this.kernels = kernels;
    this.weight = new float[Math.multiplyExact(in, out)];
    this.bias = new float[out];
    this.weightGrad = new float[weight.length];
    this.biasGrad = new float[out];
    this.parameters =
        List.of(
            new Parameter("layer" + index + ".weight", weight, weightGrad),
            new Parameter("layer" + index + ".bias", bias, biasGrad));
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
  public LifNeuron neuron() {
    return neuron;
  }

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

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public SpikeTensor forward(SpikeTensor input) {
    checkInput(input);
    LayerTape tape = new LayerTape(in, out);
    tape.ensure(input.timesteps(), input.batch());
    try (WorkerPool serial = new WorkerPool(1)) {
      forward(input.data(), tape, serial);
    }
    return new SpikeTensor(
        input.timesteps(), input.batch(), out, Arrays.copyOf(tape.spikes, tape.rows() * out));
  }

  private void checkInput(SpikeTensor input) {
    if (input.size() != in) {
      throw new IllegalArgumentException("layer expects " + in + " inputs, got " + input.size());
    }
  }

  LayerTape newTape() {
    return new LayerTape(in, out);
  }

  /** Forward over all rows of {@code tape} (already sized); leaves membranes and spikes on the tape. */
  void forward(byte[] input, LayerTape tape, WorkerPool pool) {
    tape.input = input;
    float[] u = tape.membrane;
    SpikeProducts.forward(kernels, input, weight, bias, out, u, tape.products, pool, path);
    int width = tape.batch * out;
    int steps = tape.timesteps;
    byte[] spikes = tape.spikes;
    float decay = neuron.decay();
    float vth = neuron.threshold();
    pool.forRange(
        width,
        64,
        (n0, n1) -> {
          int len = n1 - n0;
          kernels.lifFirstStep(u, n0, spikes, n0, len, vth);
          for (int t = 1; t < steps; t++) {
            int prev = (t - 1) * width + n0;
            int cur = t * width + n0;
            kernels.lifStep(u, prev, spikes, prev, u, cur, spikes, cur, len, decay, vth);
          }
        });
  }

  /**
   * Backward over the rows of {@code tape}, after {@link #forward}.
   *
   * @param gradSpikes dLoss/do[t] from the layer above or the loss, {@code [rows][out]}
   * @param gradInput receives dLoss/dx[t], {@code [rows][in]}; {@code null} for the first layer
   */
  void backward(
      float[] gradSpikes, LayerTape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool pool) {
    int rows = tape.rows();
    int width = tape.batch * out;
    int steps = tape.timesteps;
    float[] u = tape.membrane;
    byte[] spikes = tape.spikes;
    float[] h = tape.surrogate;
    float[] gu = tape.gradMembrane;
    float decay = neuron.decay();
    float vth = neuron.threshold();
    boolean detach = neuron.detachReset();
    pool.forRange(
        width,
        64,
        (n0, n1) -> {
          int len = n1 - n0;
          for (int t = steps - 1; t >= 0; t--) {
            int cur = t * width + n0;
            kernels.subtract(u, cur, vth, h, cur, len);
            surrogate.derivative(h, cur, h, cur, len);
            float[] next = t == steps - 1 ? null : gu;
            kernels.lifBackwardStep(
                gradSpikes, cur, next, cur + width, u, cur, spikes, cur, h, cur, gu, cur, len, decay, detach);
          }
        });

    pool.forRange(
        out,
        16,
        (c0, c1) -> {
          Arrays.fill(biasGrad, c0, c1, 0f);
          for (int r = 0; r < rows; r++) {
            kernels.add(gu, r * out + c0, biasGrad, c0, c1 - c0);
          }
        });

    SpikeProducts.weightGradient(kernels, tape.input, gu, out, weightGrad, tape.products, pool, path);

    if (gradInput != null) {
      float[] wT = transposedWeights();
      pool.forRange(
          rows,
          8,
          (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
              int dst = r * in;
              Arrays.fill(gradInput, dst, dst + in, 0f);
              for (int j = 0; j < out; j++) {
                float g = gu[r * out + j];
                if (g != 0f) {
                  kernels.axpy(g, wT, j * in, gradInput, dst, in);
                }
              }
            }
          });
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
