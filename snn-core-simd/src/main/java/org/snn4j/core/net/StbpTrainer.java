package org.snn4j.core.net;

import java.util.Arrays;
import java.util.List;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Loss;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Optimizer;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.api.Trainer;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.optim.PooledOptimizer;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Spatio-temporal backpropagation (Wu et al. 2018) for a {@link SpikingMlp}.
 *
 * <p>A step: every layer forward over all T steps; output rates {@code r = (1/T) Σ_t o_last[t]}; the loss and
 * {@code dL/dr}; {@code dL/do_last[t] = (dL/dr) / T} at every step; every layer backward, last first, each handing
 * {@code dL/dx} to the layer below as its {@code dL/do}; one optimizer step.
 *
 * <p>Workspaces are sized at the first batch and reused: a steady-state step allocates nothing but the few task
 * handles of the worker pool. Not thread-safe: one trainer per thread of control (it uses the pool's threads
 * internally).
 */
public final class StbpTrainer implements Trainer {
  private final SpikingMlp network;
  private final SurrogateGradient surrogate;
  private final Loss loss;
  private final Optimizer optimizer;
  private final WorkerPool pool;
  private final List<DenseSpikingLayer> layers;
  private final List<Parameter> parameters;
  private final LayerTape[] tapes;
  /** gradSpikes[l]: dLoss/do of layer l, {@code [rows][out_l]}. */
  private final float[][] gradSpikes;
  private float[] rates = new float[0];
  /** The first layer's input spikes as bits, {@code [T·B][words(in)]}. */
  private long[] inputBits = new long[0];
  /** The first layer's input spikes as bytes during {@link #forward}, and the body that packs them into bits. */
  private byte[] inputBytes;
  private final WorkerPool.RangeBody packInput = this::packInput;
  private float[] rateGradient = new float[0];
  /** Per sample of the last backward pass, whether its loss gradient is non-zero (see {@link LayerTape#liveSamples}). */
  private boolean[] liveSamples = new boolean[0];
  /** Whether the backward pass zero-fills the rows of samples with a zero loss gradient (tests turn it off). */
  boolean skipDeadSamples = true;
  private int lastBatch;

  /**
   * @param pool the threads to use; the caller owns and closes it
   */
  public StbpTrainer(
      SpikingMlp network, SurrogateGradient surrogate, Loss loss, Optimizer optimizer, WorkerPool pool) {
    this.network = network;
    this.surrogate = surrogate;
    this.loss = loss;
    this.optimizer = optimizer;
    this.pool = pool;
    this.layers = network.layers();
    this.parameters = network.parameters();
    this.tapes = new LayerTape[layers.size()];
    this.gradSpikes = new float[layers.size()][];
    for (int l = 0; l < tapes.length; l++) {
      tapes[l] = layers.get(l).newTape();
      gradSpikes[l] = new float[0];
    }
  }

  /**
   * A trainer that only infers, for {@link FrozenMlp}: its network's weights never change, so every layer keeps its
   * packed weights from one forward pass to the next. Its training methods must not be called.
   */
  static StbpTrainer frozen(SpikingMlp network, WorkerPool pool) {
    StbpTrainer trainer = new StbpTrainer(network, null, null, null, pool);
    for (int l = 0; l < trainer.tapes.length; l++) {
      trainer.tapes[l].products.frozenWeights = trainer.layers.get(l).weight();
    }
    return trainer;
  }

  /**
   * Adds what a trainer allocates for batches of {@code timesteps × batch} (not its network, see {@link
   * SpikingMlp#footprint}): each layer's tape and workspace, the gradients handed down between layers, the input
   * bits and the output rates.
   *
   * @param surrogate null for a trainer that only infers ({@link #frozen})
   * @param analog whether the first layer takes analog currents
   */
  public static void footprint(Footprint f, int[] sizes, NeuronModel neuron, SurrogateGradient surrogate,
      int timesteps, int batch, boolean analog) {
    boolean training = surrogate != null;
    boolean generic = !(neuron instanceof LifNeuron);
    boolean scratch = training && !surrogate.isBox();
    for (int l = 0; l + 1 < sizes.length; l++) {
      String layer = "layer " + l;
      LayerTape.footprint(f, layer, sizes[l], sizes[l + 1], neuron.stateSize(), generic, scratch, timesteps, batch,
          analog && l == 0, training);
      // made by ensure() even when only inferring
      f.floats(layer + "'s output gradient (T × --batch × outputs)", Footprint.times(timesteps, batch, sizes[l + 1]),
          true);
    }
    long outputs = Footprint.times(batch, sizes[sizes.length - 1]);
    f.floats("the output rates", outputs, true).floats("the output rates", outputs, true);
    if (training) {
      f.bytes("the live samples", batch, true);
    }
    if (!analog) {
      f.longs("the input spikes (T × --batch × inputs / 64)", Footprint.times(timesteps, batch, SpikeBits.words(sizes[0])),
          true);
    }
  }

  /** Samples of the last backward pass whose loss gradient was non-zero (for tests). */
  int lastLiveSamples() {
    int n = 0;
    for (int b = 0; b < lastBatch; b++) {
      n += liveSamples[b] ? 1 : 0;
    }
    return n;
  }

  /** Forward passes, summed over layers, that packed their layer's weights (for tests). */
  long weightPacks() {
    long n = 0;
    for (LayerTape tape : tapes) {
      n += tape.products.weightPacks;
    }
    return n;
  }

  @Override
  public SpikingMlp network() {
    return network;
  }

  /** The optimizer, e.g. to change its learning rate. */
  public Optimizer optimizer() {
    return optimizer;
  }

  @Override
  public float trainBatch(SpikeTensor input, int[] labels) {
    float value = computeGradients(input, labels);
    optimizerStep();
    return value;
  }

  /**
   * One training step with analog input currents {@code [T][B][in]} fed to the first layer (the follow-up paper's
   * encoding layer: the first layer's neurons turn the analog input into spikes, and train with the rest).
   */
  public float trainBatch(FloatTensor input, int[] labels) {
    float value = computeGradients(input, labels);
    optimizerStep();
    return value;
  }

  private void optimizerStep() {
    if (optimizer instanceof PooledOptimizer pooled) {
      pooled.step(parameters, pool);
    } else {
      optimizer.step(parameters);
    }
  }

  /** {@link #computeGradients(SpikeTensor, int[])} for analog input currents. */
  public float computeGradients(FloatTensor input, int[] labels) {
    checkShape(input.size(), input.batch(), labels);
    forward(input.timesteps(), input.batch(), null, input.data());
    return backward(input.timesteps(), input.batch(), labels);
  }

  /** Forward pass with analog input currents; writes the output rates {@code [B][K]}. */
  public void infer(FloatTensor input, float[] ratesOut) {
    checkShape(input.size(), input.batch(), null);
    forward(input.timesteps(), input.batch(), null, input.data());
    System.arraycopy(rates, 0, ratesOut, 0, input.batch() * network.outputSize());
  }

  /**
   * Forward and backward without updating: afterwards every {@link Parameter#gradient()} holds dLoss/dparameter
   * for this batch.
   *
   * @return the batch loss
   */
  public float computeGradients(SpikeTensor input, int[] labels) {
    checkShape(input.size(), input.batch(), labels);
    forward(input.timesteps(), input.batch(), input.data(), null);
    return backward(input.timesteps(), input.batch(), labels);
  }

  private void checkShape(int size, int batch, int[] labels) {
    if (size != network.inputSize()) {
      throw new IllegalArgumentException("network expects " + network.inputSize() + " inputs, got " + size);
    }
    if (labels == null) {
      return;
    }
    int classes = network.outputSize();
    if (labels.length < batch) {
      throw new IllegalArgumentException("need " + batch + " labels, got " + labels.length);
    }
    for (int b = 0; b < batch; b++) {
      if (labels[b] < 0 || labels[b] >= classes) {
        throw new IllegalArgumentException("label " + labels[b] + " of sample " + b + " is outside [0, " + classes + ")");
      }
    }
  }

  private float backward(int steps, int batch, int[] labels) {
    int classes = network.outputSize();
    float value = loss.evaluate(rates, labels, batch, classes, rateGradient);
    int last = layers.size() - 1;
    float[] top = gradSpikes[last];
    float perStep = 1f / steps;
    if (liveSamples.length < batch) {
      liveSamples = new boolean[batch];
    }
    for (int b = 0; b < batch; b++) {
      boolean live = false;
      for (int k = 0; k < classes && !live; k++) {
        live = rateGradient[b * classes + k] != 0f;
      }
      liveSamples[b] = live;
    }
    for (LayerTape tape : tapes) {
      tape.liveSamples = skipDeadSamples ? liveSamples : null;
    }
    for (int t = 0; t < steps; t++) {
      int base = t * batch * classes;
      for (int i = 0; i < batch * classes; i++) {
        top[base + i] = rateGradient[i] * perStep;
      }
    }
    for (int l = last; l >= 0; l--) {
      float[] below = l == 0 ? null : gradSpikes[l - 1];
      layers.get(l).backward(gradSpikes[l], tapes[l], surrogate, below, pool);
    }
    return value;
  }

  @Override
  public void infer(SpikeTensor input, float[] ratesOut) {
    checkShape(input.size(), input.batch(), null);
    forward(input.timesteps(), input.batch(), input.data(), null);
    System.arraycopy(rates, 0, ratesOut, 0, input.batch() * network.outputSize());
  }

  /** Runs every layer; the first takes {@code spikes} (bytes, packed to bits here) or, when null, {@code currents}. */
  private void forward(int steps, int batch, byte[] spikes, float[] currents) {
    ensure(steps, batch);
    int rows = steps * batch;
    long[] x = null;
    if (spikes != null) {
      int in = network.inputSize();
      int words = SpikeBits.words(in);
      if (inputBits.length < rows * words) {
        inputBits = new long[rows * words];
      }
      inputBytes = spikes;
      try {
        pool.forRange(rows, 16, packInput);
      } finally {
        inputBytes = null;
      }
      x = inputBits;
    }
    for (int l = 0; l < layers.size(); l++) {
      if (x == null) {
        layers.get(l).forward(currents, tapes[l], pool);
      } else {
        layers.get(l).forward(x, tapes[l], pool);
      }
      x = tapes[l].spikes;
    }
    int classes = network.outputSize();
    int words = SpikeBits.words(classes);
    Arrays.fill(rates, 0, batch * classes, 0f);
    for (int r = 0; r < rows; r++) {
      int base = (r % batch) * classes;
      for (int q = 0; q < words; q++) {
        for (long v = x[r * words + q]; v != 0; v &= v - 1) {
          rates[base + (q << 6) + Long.numberOfTrailingZeros(v)] += 1f;
        }
      }
    }
    for (int i = 0; i < batch * classes; i++) {
      rates[i] /= steps;
    }
    lastBatch = batch;
  }

  private void packInput(int r0, int r1) {
    Kernels kernels = layers.get(0).kernels;
    int in = network.inputSize();
    int words = SpikeBits.words(in);
    for (int r = r0; r < r1; r++) {
      kernels.packBits(inputBytes, r * in, in, inputBits, r * words);
    }
  }

  private void ensure(int steps, int batch) {
    for (int l = 0; l < tapes.length; l++) {
      tapes[l].ensure(steps, batch);
      int need = steps * batch * layers.get(l).outputSize();
      if (gradSpikes[l].length < need) {
        gradSpikes[l] = new float[need];
      }
    }
    int need = batch * network.outputSize();
    if (rates.length < need) {
      rates = new float[need];
      rateGradient = new float[need];
    }
  }

  /** Output rates {@code [B][K]} of the last forward pass (a copy). */
  public float[] lastRates() {
    return Arrays.copyOf(rates, lastBatch * network.outputSize());
  }

  /** Spikes of layer {@code l} in the last forward pass, {@code [T][B][out]} (a copy). */
  public SpikeTensor lastSpikes(int l) {
    LayerTape tape = tapes[l];
    return new SpikeTensor(tape.timesteps, tape.batch, tape.out, SpikeBits.toBytes(tape.spikes, tape.rows(), tape.out));
  }

  /** Number of spikes of each layer in the last forward pass. */
  public long[] lastSpikeCounts() {
    long[] counts = new long[tapes.length];
    for (int l = 0; l < tapes.length; l++) {
      counts[l] = SpikeBits.count(tapes[l].spikes, 0, tapes[l].rows() * tapes[l].wordsOut);
    }
    return counts;
  }

  /**
   * Bytes the backward pass keeps per sample (the BPTT tape: spike bits, membranes), for the sizes of the last
   * batch.
   */
  public long tapeBytesPerSample() {
    long sum = 0;
    for (LayerTape t : tapes) {
      sum += t.bytesPerSample();
    }
    return sum;
  }

  /** Bytes of per-step scratch per sample (gradients, term lists), for the sizes of the last batch. */
  public long scratchBytesPerSample() {
    long sum = 0;
    for (LayerTape t : tapes) {
      sum += t.scratchBytesPerSample();
    }
    return sum;
  }
}
