package org.snn4j.core.layer;

import java.util.Arrays;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Any {@link NeuronModel}, trained through the neuron's scalar contract: one call per neuron and step. Slower than
 * the LIF fast path, but any plugin neuron trains with STBP.
 *
 * <p>Neurons are independent, so the recurrence runs over fixed blocks of {@value #BLOCK} neurons on any thread;
 * the gradient of the layer's shared neuron parameters is summed per block and the blocks' sums are added in block
 * order, so the result does not depend on the thread count.
 */
public final class ScalarNeuronDynamics implements NeuronDynamics {
  static final int BLOCK = 256;
  private final NeuronModel neuron;
  private final int n;
  private final Kernels kernels;
  private final int k;
  private final float[] params;
  private final float[] paramGrad;
  private float[] blockGrads = new float[0];

  /** Dynamics of {@code n} neurons with the neuron's initial parameters. */
  public ScalarNeuronDynamics(NeuronModel neuron, int n, Kernels kernels) {
    if (neuron.stateSize() < 1) {
      throw new IllegalArgumentException(neuron.name() + ": stateSize must be >= 1, got " + neuron.stateSize());
    }
    this.neuron = neuron;
    this.n = n;
    this.kernels = kernels;
    this.k = neuron.stateSize();
    this.params = new float[neuron.parameterCount()];
    neuron.initialParameters(params);
    this.paramGrad = new float[params.length];
  }

  /** Adds the dynamics' own arrays (the constructor): the neuron's parameters and their gradient. */
  public static void footprint(Footprint f, String layer, NeuronModel neuron) {
    String what = layer + "'s neuron parameters";
    f.floats(what, neuron.parameterCount(), false).floats(what, neuron.parameterCount(), false);
  }

  /**
   * Adds what a {@link ScalarState} allocates for {@code timesteps × batch} rows of {@code n} neurons, all of it in
   * the forward pass: the neuron states, the surrogate arguments and the spikes as bytes; and, in training, the
   * per-block sums of the parameters' gradient that the dynamics keep ({@link #backward}).
   *
   * @param training whether the backward pass runs
   */
  public static void stateFootprint(
      Footprint f, String layer, NeuronModel neuron, int n, int timesteps, int batch, boolean training) {
    long cells = Footprint.times(timesteps, batch, n);
    f.floats(layer + "'s neuron states (T × --batch × outputs × state)", Footprint.times(cells, neuron.stateSize()),
        true);
    String what = layer + "'s tape (T × --batch × outputs)";
    f.floats(what, cells, true).bytes(what, cells, true);
    if (training) {
      long blocks = (Footprint.times(batch, n) + BLOCK - 1) / BLOCK;
      f.floats(layer + "'s neuron parameter gradient per block", Footprint.times(blocks, neuron.parameterCount()),
          true);
    }
  }

  @Override
  public NeuronModel neuron() {
    return neuron;
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public float[] parameters() {
    return params;
  }

  @Override
  public float[] parameterGradient() {
    return paramGrad;
  }

  @Override
  public ScalarNeuronDynamics copy() {
    ScalarNeuronDynamics c = new ScalarNeuronDynamics(neuron, n, kernels);
    if (c.params.length != params.length) {
      // a neuron that keeps a different number of parameters than a fresh one of the same kind
      throw new IllegalStateException(
          "the neuron has " + params.length + " parameters, a fresh copy has " + c.params.length);
    }
    System.arraycopy(params, 0, c.params, 0, params.length);
    return c;
  }

  @Override
  public ScalarState newState() {
    return new ScalarState();
  }

  /** Neuron states, surrogate arguments and values, and spikes as bytes, allocated on first use. */
  final class ScalarState implements State {
    private int capacityRows;
    private float[] state;
    private float[] surrogate;
    private byte[] spikeBytes;

    @Override
    public void ensure(int rows) {
      capacityRows = rows;
      state = null;
      surrogate = null;
      spikeBytes = null;
    }

    float[] state() {
      if (state == null) {
        state = new float[Math.multiplyExact(capacityRows * n, k)];
      }
      return state;
    }

    float[] surrogate() {
      if (surrogate == null) {
        surrogate = new float[capacityRows * n];
      }
      return surrogate;
    }

    byte[] spikeBytes() {
      if (spikeBytes == null) {
        spikeBytes = new byte[capacityRows * n];
      }
      return spikeBytes;
    }

    @Override
    public long tapeBytesPerRow() {
      return state == null ? 4L * n : 4L * n * k + n;
    }

    @Override
    public long scratchBytesPerRow() {
      return surrogate == null ? 0 : 4L * n;
    }
  }

  @Override
  public void forward(float[] current, long[] bits, State st, int timesteps, int batch, WorkerPool pool) {
    ScalarState s = (ScalarState) st;
    int out = n;
    int width = batch * out;
    int steps = timesteps;
    float[] state = s.state();
    float[] z = s.surrogate();
    byte[] spikes = s.spikeBytes();
    int blocks = (width + BLOCK - 1) / BLOCK;
    pool.forRange(
        blocks,
        1,
        (b0, b1) -> {
          float[] rest = new float[k];
          for (int i = b0 * BLOCK, end = Math.min(width, b1 * BLOCK); i < end; i++) {
            for (int t = 0; t < steps; t++) {
              int cur = t * width + i;
              float[] prev = t == 0 ? rest : state;
              int prevFrom = t == 0 ? 0 : (cur - width) * k;
              boolean prevSpike = t > 0 && spikes[cur - width] != 0;
              neuron.update(params, prev, prevFrom, prevSpike, current[cur], state, cur * k);
              float zi = neuron.spikeArgument(params, state, cur * k);
              z[cur] = zi;
              spikes[cur] = (byte) (zi > 0 ? 1 : 0);
            }
          }
        });
    int words = SpikeBits.words(out);
    pool.forRange(
        timesteps * batch,
        8,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            kernels.packBits(spikes, r * out, out, bits, r * words);
          }
        });
  }

  @Override
  public void backward(
      float[] gradSpikes, float[] current, long[] bits, SurrogateGradient surrogate, boolean[] liveSamples,
      float[] gu, State st, int timesteps, int batch, WorkerPool pool) {
    ScalarState s = (ScalarState) st;
    int out = n;
    int width = batch * out;
    int steps = timesteps;
    int rows = timesteps * batch;
    float[] state = s.state;
    float[] h = s.surrogate();
    byte[] spikes = s.spikeBytes();
    surrogate.derivative(h, 0, h, 0, rows * out);
    int blocks = (width + BLOCK - 1) / BLOCK;
    int np = params.length;
    if (blockGrads.length < blocks * np) {
      blockGrads = new float[blocks * np];
    }
    float[] partial = blockGrads;
    Arrays.fill(partial, 0, blocks * np, 0f);
    pool.forRange(
        blocks,
        1,
        (b0, b1) -> {
          float[] rest = new float[k];
          float[] gs = new float[k];
          float[] gsPrev = new float[k];
          float[] inputs = new float[2];
          float[] pg = new float[np];
          for (int b = b0; b < b1; b++) {
            Arrays.fill(pg, 0f);
            for (int i = b * BLOCK, end = Math.min(width, (b + 1) * BLOCK); i < end; i++) {
              Arrays.fill(gs, 0f);
              float goFuture = 0f;
              for (int t = steps - 1; t >= 0; t--) {
                int cur = t * width + i;
                float gradZ = (gradSpikes[cur] + goFuture) * h[cur];
                neuron.spikeArgumentBackward(params, state, cur * k, gradZ, gs, 0, pg);
                float[] prev = t == 0 ? rest : state;
                int prevFrom = t == 0 ? 0 : (cur - width) * k;
                boolean prevSpike = t > 0 && spikes[cur - width] != 0;
                Arrays.fill(gsPrev, 0f);
                neuron.updateBackward(params, prev, prevFrom, prevSpike, current[cur], gs, 0, gsPrev, 0, pg, inputs);
                gu[cur] = inputs[0];
                goFuture = inputs[1];
                System.arraycopy(gsPrev, 0, gs, 0, k);
              }
            }
            System.arraycopy(pg, 0, partial, b * np, np);
          }
        });
    Arrays.fill(paramGrad, 0f);
    for (int b = 0; b < blocks; b++) {
      for (int p = 0; p < np; p++) {
        paramGrad[p] += partial[b * np + p];
      }
    }
  }
}
