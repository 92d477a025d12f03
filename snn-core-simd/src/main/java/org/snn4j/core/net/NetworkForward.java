package org.snn4j.core.net;

import java.util.Arrays;
import java.util.List;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Activation;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.NeuronDynamics;
import org.snn4j.core.layer.PixelLayout;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.SpikingTape;
import org.snn4j.core.layer.Tape;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The forward pass of a {@link SequentialNet} over all {@code T·B} rows of a batch, shared by training ({@link
 * StbpTrainer}) and inference ({@link FrozenNet}): the input packed to bits (or taken as analog currents), every
 * layer forward on its own {@link Tape}, and the output rates {@code r = (1/T) Σ_t o_last[t]}. Its tapes are sized
 * at the first batch and reused. Not thread-safe.
 */
final class NetworkForward {
  private final SequentialNet network;
  private final List<NetworkLayer> layers;
  private final Kernels kernels;
  private final WorkerPool pool;
  private final Tape[] tapes;
  private final Activation input = new Activation();
  /** The first layer's input spikes as bits, {@code [T·B][words(in)]}. */
  private long[] inputBits = new long[0];
  private final PackInputJob packInput = new PackInputJob();
  /**
   * The first layer's image input of several channels is reordered from the datasets' channel-major layout into the
   * pixel-major layout of conv layers ({@link PixelLayout}); null when no reordering is needed.
   */
  private final PixelLayout inputLayout;
  private long[] packedBits = new long[0];
  private float[] inputAnalog = new float[0];
  private float[] rates = new float[0];
  /** Per-step scores {@code [T][B][K]} when {@link #keepStepScores} is set (TET); the membrane readout's state. */
  private float[] stepScores = new float[0];
  private float[] membrane = new float[0];
  private boolean keepSteps;
  private int lastBatch;

  NetworkForward(SequentialNet network, Tuning tuning, WorkerPool pool) {
    this.network = network;
    this.layers = network.layers();
    this.kernels = Kernels.get();
    this.pool = pool;
    Shape in = layers.get(0).inputShape();
    this.inputLayout = in.rank() == 3 && in.dim(0) > 1 ? new PixelLayout(in.dim(0), in.dim(1), in.dim(2)) : null;
    this.tapes = new Tape[layers.size()];
    for (int l = 0; l < tapes.length; l++) {
      tapes[l] = layers.get(l).newTape(tuning);
    }
  }

  /**
   * Adds what a forward pass over an MLP of {@code sizes} ({@link SequentialNet#mlp}) allocates for batches of
   * {@code timesteps × batch}: each layer's tape ({@link SpikingTape}, its {@link DenseSynapse} scratch and its
   * {@link NeuronDynamics} state), the output rates and the input bits.
   *
   * @param surrogate the trainer's surrogate, or null for a pass that only infers ({@link FrozenNet})
   * @param analog whether the first layer takes analog currents
   */
  static void footprint(Footprint f, int[] sizes, NeuronModel neuron, SurrogateGradient surrogate, Tuning tuning,
      int timesteps, int batch, boolean analog) {
    boolean training = surrogate != null;
    for (int l = 0; l + 1 < sizes.length; l++) {
      String layer = "layer " + l;
      int in = sizes[l];
      int out = sizes[l + 1];
      DenseSynapse.scratchFootprint(f, layer, in, out, tuning, timesteps, batch, analog && l == 0, training);
      SpikingTape.footprint(f, layer, out, timesteps, batch);
      NeuronDynamics.stateFootprint(f, layer, neuron, out, timesteps, batch, surrogate);
    }
    f.floats("the output rates", Footprint.times(batch, sizes[sizes.length - 1]), true);
    if (!analog) {
      f.longs("the input spikes (T × --batch × inputs / 64)", Footprint.times(timesteps, batch, SpikeBits.words(sizes[0])),
          true);
    }
  }

  /** Marks every layer's weights frozen for these tapes: a frozen network's session packs them once. */
  void freezeWeights() {
    for (Tape t : tapes) {
      t.freezeWeights();
    }
  }

  Tape tape(int l) {
    return tapes[l];
  }

  int layerCount() {
    return tapes.length;
  }

  /** Output rates {@code [B][K]} of the last forward pass (live); the class scores of the network's readout. */
  float[] rates() {
    return rates;
  }

  /** Whether forward passes also keep every step's scores ({@link #stepScores}), for a loss over the steps. */
  void keepStepScores(boolean keep) {
    this.keepSteps = keep;
  }

  /**
   * Every step's scores {@code [T][B][K]} of the last forward pass (live), when kept: the last layer's spikes as 0/1
   * for the rate readout, the membrane {@code U[t]} for the membrane readout.
   */
  float[] stepScores() {
    return stepScores;
  }

  int lastBatch() {
    return lastBatch;
  }

  /**
   * Runs every layer; the first takes {@code spikes} (bytes, packed to bits here) or, when null, {@code currents}.
   *
   * @param training whether this pass trains ({@link Tape#training()}): dropout and batch statistics apply
   */
  void forward(int steps, int batch, byte[] spikes, float[] currents, boolean training) {
    for (Tape tape : tapes) {
      tape.ensure(steps, batch);
      tape.setTraining(training);
    }
    int classes = network.outputSize(); // the last layer's neurons; a vote folds them into its classes below
    if (rates.length < batch * classes) {
      rates = new float[batch * classes];
    }
    int rows = steps * batch;
    if (spikes != null) {
      int in = network.inputSize();
      int words = SpikeBits.words(in);
      if (inputBits.length < rows * words) {
        inputBits = new long[rows * words];
        packedBits = inputLayout == null ? inputBits : new long[rows * words];
      }
      packInput.run(spikes, null, in, rows, pool);
      input.setBits(inputBits);
    } else if (inputLayout != null) {
      int need = rows * network.inputSize();
      if (inputAnalog.length < need) {
        inputAnalog = new float[need];
      }
      packInput.run(null, currents, network.inputSize(), rows, pool);
      input.setAnalog(inputAnalog);
    } else {
      input.setAnalog(currents);
    }
    Readout readout = network.readout();
    if (keepSteps && stepScores.length < rows * classes) {
      stepScores = new float[rows * classes];
    }
    Activation x = input;
    int last = layers.size() - 1;
    for (int l = 0; l < last; l++) {
      layers.get(l).forward(x, tapes[l], pool);
      x = tapes[l].output();
    }
    if (readout.membrane()) {
      ((SpikingLayer) layers.get(last)).forwardCurrents(x, tapes[last], pool);
      integrateMembrane(((SpikingTape) tapes[last]).currents(), steps, batch * classes, readout.decay());
      lastBatch = batch;
      return;
    }
    layers.get(last).forward(x, tapes[last], pool);
    x = tapes[last].output();
    long[] out = x.bits();
    if (out == null) {
      throw new IllegalStateException("the last layer's output is not spikes: rates are counted from spikes");
    }
    int words = SpikeBits.words(classes);
    Arrays.fill(rates, 0, batch * classes, 0f);
    if (keepSteps) {
      Arrays.fill(stepScores, 0, rows * classes, 0f);
    }
    for (int r = 0; r < rows; r++) {
      int base = (r % batch) * classes;
      for (int q = 0; q < words; q++) {
        for (long v = out[r * words + q]; v != 0; v &= v - 1) {
          rates[base + (q << 6) + Long.numberOfTrailingZeros(v)] += 1f;
          if (keepSteps) {
            stepScores[r * classes + (q << 6) + Long.numberOfTrailingZeros(v)] = 1f;
          }
        }
      }
    }
    int scored = classes;
    if (readout.vote()) {
      int group = readout.group();
      scored = classes / group;
      foldGroups(rates, batch, scored, group);
      if (keepSteps) {
        foldGroups(stepScores, rows, scored, group);
      }
    }
    for (int i = 0; i < batch * scored; i++) {
      rates[i] /= steps;
    }
    lastBatch = batch;
  }

  /**
   * A vote's scores: in place, {@code a[r][k] = (1/N) Σ_j a[r][k·N + j]} for {@code rows} rows of {@code classes·N}
   * values, packed to rows of {@code classes}. In place is safe: row {@code r}'s class {@code k} is written at
   * {@code r·K + k}, at or before every value still to be read.
   */
  private static void foldGroups(float[] a, int rows, int classes, int group) {
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < classes; k++) {
        int from = (r * classes + k) * group;
        float sum = 0f;
        for (int j = 0; j < group; j++) {
          sum += a[from + j];
        }
        a[r * classes + k] = sum / group;
      }
    }
  }

  /**
   * The membrane readout ({@link Readout}): {@code U[t] = β·U[t-1] + I[t]}, {@code rates = (1/T) Σ_t U[t]}, over the
   * {@code n = B·K} values of each step, in step order (no threads: a few thousand values).
   */
  private void integrateMembrane(float[] currents, int steps, int n, float decay) {
    if (membrane.length < n) {
      membrane = new float[n];
    }
    Arrays.fill(membrane, 0, n, 0f);
    Arrays.fill(rates, 0, n, 0f);
    for (int t = 0; t < steps; t++) {
      int base = t * n;
      for (int i = 0; i < n; i++) {
        float u = decay * membrane[i] + currents[base + i];
        membrane[i] = u;
        rates[i] += u;
        if (keepSteps) {
          stepScores[base + i] = u;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      rates[i] /= steps;
    }
  }

  /** Number of spikes each layer put out in the last forward pass (0 for a layer whose output is analog). */
  long[] lastSpikeCounts() {
    long[] counts = new long[tapes.length];
    for (int l = 0; l < tapes.length; l++) {
      long[] bits = tapes[l].output().bits();
      boolean readout = l == tapes.length - 1 && network.readout().membrane(); // its neurons do not run
      if (bits != null && !readout) {
        counts[l] = SpikeBits.count(bits, 0, tapes[l].rows() * SpikeBits.words(layers.get(l).outputSize()));
      }
    }
    return counts;
  }

  /** Forward passes, summed over layers, that packed their layer's weights (for tests). */
  long weightPacks() {
    long n = 0;
    for (Tape tape : tapes) {
      n += tape.weightPacks();
    }
    return n;
  }

  /** Packing the input bytes of one batch into bits, and reordering an image of several channels pixel-major. */
  private final class PackInputJob implements WorkerPool.RangeBody {
    private byte[] bytes;
    private float[] currents;
    private int in;

    void run(byte[] bytes, float[] currents, int in, int rows, WorkerPool pool) {
      this.bytes = bytes;
      this.currents = currents;
      this.in = in;
      try {
        pool.forRange(rows, 16, this);
      } finally {
        this.bytes = null;
        this.currents = null;
      }
    }

    @Override
    public void run(int r0, int r1) {
      int words = SpikeBits.words(in);
      for (int r = r0; r < r1; r++) {
        if (bytes != null) {
          kernels.packBits(bytes, r * in, in, packedBits, r * words);
          if (inputLayout != null) {
            inputLayout.toPixelMajor(packedBits, r * words, inputBits, r * words);
          }
        } else {
          inputLayout.toPixelMajor(currents, r * in, inputAnalog, r * in);
        }
      }
    }
  }
}
