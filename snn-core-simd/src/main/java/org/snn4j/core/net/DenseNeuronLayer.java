package org.snn4j.core.net;

import java.util.Arrays;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A {@link DenseSpikingLayer} of any {@link NeuronModel}, trained through the neuron's scalar contract: one call
 * per neuron and step. Slower than the LIF fast path, but any plugin neuron trains with STBP.
 *
 * <p>Neurons are independent, so the recurrence runs over fixed blocks of {@value #BLOCK} neurons on any thread;
 * the gradient of the layer's shared neuron parameters is summed per block and the blocks' sums are added in block
 * order, so the result does not depend on the thread count.
 */
public final class DenseNeuronLayer extends DenseSpikingLayer {
  static final int BLOCK = 256;
  private final NeuronModel neuron;
  private final int k;
  private final float[] params;
  private final float[] paramGrad;
  private float[] blockGrads = new float[0];

  /** A layer with zero weights and the neuron's initial parameters. */
  public DenseNeuronLayer(int index, int in, int out, NeuronModel neuron, Kernels kernels) {
    this(index, in, out, neuron, kernels, newParams(neuron));
  }

  private DenseNeuronLayer(int index, int in, int out, NeuronModel neuron, Kernels kernels, float[][] p) {
    super(index, in, out, kernels, p[0].length == 0 ? null : p);
    if (neuron.stateSize() < 1) {
      throw new IllegalArgumentException(neuron.name() + ": stateSize must be >= 1, got " + neuron.stateSize());
    }
    this.neuron = neuron;
    this.k = neuron.stateSize();
    this.params = p[0];
    this.paramGrad = p[1];
  }

  private static float[][] newParams(NeuronModel neuron) {
    float[] values = new float[neuron.parameterCount()];
    neuron.initialParameters(values);
    return new float[][] {values, new float[values.length]};
  }

  @Override
  public NeuronModel neuron() {
    return neuron;
  }

  @Override
  public float[] neuronParameters() {
    return params;
  }

  @Override
  void neuronForward(LayerTape tape, WorkerPool pool) {
    int width = tape.batch * out;
    int steps = tape.timesteps;
    float[] current = tape.current;
    float[] state = tape.state();
    float[] z = tape.surrogate();
    byte[] spikes = tape.spikeBytes();
    int blocks = (width + BLOCK - 1) / BLOCK;
    pool.forRange(
        blocks,
        1,
        (b0, b1) -> {
          float[] rest = new float[k];
          for (int n = b0 * BLOCK, end = Math.min(width, b1 * BLOCK); n < end; n++) {
            for (int t = 0; t < steps; t++) {
              int cur = t * width + n;
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
    long[] bits = tape.spikes;
    int words = tape.wordsOut;
    pool.forRange(
        tape.rows(),
        8,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            kernels.packBits(spikes, r * out, out, bits, r * words);
          }
        });
  }

  @Override
  void neuronBackward(float[] gradSpikes, LayerTape tape, SurrogateGradient surrogate, WorkerPool pool) {
    int width = tape.batch * out;
    int steps = tape.timesteps;
    int rows = tape.rows();
    float[] current = tape.current;
    float[] state = tape.state;
    float[] h = tape.surrogate();
    byte[] spikes = tape.spikeBytes();
    float[] gu = tape.gradCurrent;
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
            for (int n = b * BLOCK, end = Math.min(width, (b + 1) * BLOCK); n < end; n++) {
              Arrays.fill(gs, 0f);
              float goFuture = 0f;
              for (int t = steps - 1; t >= 0; t--) {
                int cur = t * width + n;
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
