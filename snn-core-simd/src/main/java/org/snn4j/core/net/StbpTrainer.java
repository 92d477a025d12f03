package org.snn4j.core.net;

import java.util.Arrays;
import java.util.List;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.Loss;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Optimizer;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.api.Trainer;
import org.snn4j.core.Tuning;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.loss.TetLoss;
import org.snn4j.core.layer.SpikingTape;
import org.snn4j.core.layer.Tape;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.optim.PooledOptimizer;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Spatio-temporal backpropagation (Wu et al. 2018) for a {@link SequentialNet}.
 *
 * <p>A step: the forward pass ({@link NetworkForward}: every layer over all T steps, the output rates {@code r =
 * (1/T) Σ_t o_last[t]}); the loss and {@code dL/dr}; {@code dL/do_last[t] = (dL/dr) / T} at every step; every layer
 * backward, last first, each handing {@code dL/dx} to the layer below as its {@code dL/do}; one optimizer step.
 *
 * <p>Workspaces are sized at the first batch and reused: a steady-state step allocates nothing but the few task
 * handles of the worker pool. Not thread-safe: one trainer per thread of control (it uses the pool's threads
 * internally).
 */
public final class StbpTrainer implements Trainer {
  private final SequentialNet network;
  private final SurrogateGradient surrogate;
  private final Loss loss;
  private final Optimizer optimizer;
  private final WorkerPool pool;
  private final boolean skipDeadSamples;
  private final List<NetworkLayer> layers;
  private final List<Parameter> parameters;
  private final NetworkForward pass;
  /** The loss when it is TET (a loss per time step), else null. */
  private final TetLoss tet;
  private float[] stepScores = new float[0];
  private float[] stepGradient = new float[0];
  /** gradOutput[l]: dLoss/d(output) of layer l, {@code [rows][out_l]}. */
  private final float[][] gradOutput;
  private float[] rateGradient = new float[0];
  /** Per sample of the last backward pass, whether its loss gradient is non-zero (see {@link Tape#setLiveSamples}). */
  private boolean[] liveSamples = new boolean[0];
  /** The largest gradient norm before an update, 0 for none ({@link #setGradientClip}). */
  private float maxGradientNorm;
  private double lastGradientNorm = Double.NaN;

  /**
   * A trainer tuned by {@link Tuning#system()}.
   *
   * @param pool the threads to use; the caller owns and closes it
   */
  public StbpTrainer(
      SequentialNet network, SurrogateGradient surrogate, Loss loss, Optimizer optimizer, WorkerPool pool) {
    this(network, surrogate, loss, optimizer, pool, Tuning.system());
  }

  /**
   * @param pool the threads to use; the caller owns and closes it
   * @param tuning the switches for the layers' tapes and for this trainer
   */
  public StbpTrainer(
      SequentialNet network, SurrogateGradient surrogate, Loss loss, Optimizer optimizer, WorkerPool pool,
      Tuning tuning) {
    this.network = network;
    this.surrogate = surrogate;
    this.loss = loss;
    this.optimizer = optimizer;
    this.pool = pool;
    this.skipDeadSamples = tuning.skipDeadSamples();
    this.layers = network.layers();
    this.parameters = network.parameters();
    this.pass = new NetworkForward(network, tuning, pool);
    this.tet = loss instanceof TetLoss t ? t : null;
    pass.keepStepScores(tet != null);
    this.gradOutput = new float[layers.size()][];
    for (int l = 0; l < layers.size(); l++) {
      gradOutput[l] = new float[0];
    }
  }

  /**
   * Adds what a trainer allocates for batches of {@code timesteps × batch} (not its network, see {@link
   * SequentialNet#footprint}): its forward pass ({@link NetworkForward#footprint}: each layer's tape, scratch and
   * state), the gradients handed down between layers, the rates' gradient and the live samples.
   *
   * @param analog whether the first layer takes analog currents
   */
  public static void footprint(Footprint f, int[] sizes, NeuronModel neuron, SurrogateGradient surrogate,
      Tuning tuning, int timesteps, int batch, boolean analog) {
    NetworkForward.footprint(f, sizes, neuron, surrogate, tuning, timesteps, batch, analog);
    for (int l = 0; l + 1 < sizes.length; l++) {
      f.floats("layer " + l + "'s output gradient (T × --batch × outputs)",
          Footprint.times(timesteps, batch, sizes[l + 1]), true);
    }
    f.floats("the rates' gradient", Footprint.times(batch, sizes[sizes.length - 1]), true);
    f.bytes("the live samples", batch, true);
  }

  /** Samples of the last backward pass whose loss gradient was non-zero (for tests). */
  int lastLiveSamples() {
    int n = 0;
    for (int b = 0; b < pass.lastBatch(); b++) {
      n += liveSamples[b] ? 1 : 0;
    }
    return n;
  }

  /** Forward passes, summed over layers, that packed their layer's weights (for tests). */
  long weightPacks() {
    return pass.weightPacks();
  }

  @Override
  public SequentialNet network() {
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

  /**
   * Clips the gradients before every update to a global L2 norm of at most {@code maxNorm}, as PyTorch's {@code
   * clip_grad_norm_}: with {@code n = sqrt(Σ g²)} over every parameter, each gradient is multiplied by {@code
   * maxNorm / (n + 1e-6)} when that is below 1. The norm is summed in double in the parameters' order, so it does not
   * depend on the thread count.
   *
   * @param maxNorm &gt; 0, or 0 to stop clipping (the default)
   */
  public void setGradientClip(float maxNorm) {
    if (!(maxNorm >= 0) || !Float.isFinite(maxNorm)) {
      throw new IllegalArgumentException("the gradient-norm clip must be >= 0 (0: off), got " + maxNorm);
    }
    this.maxGradientNorm = maxNorm;
  }

  /** The global gradient norm before clipping at the last update, or NaN when clipping is off. */
  public double lastGradientNorm() {
    return lastGradientNorm;
  }

  private void clipGradients() {
    double sum = 0;
    for (int q = 0, n = parameters.size(); q < n; q++) {
      for (float g : parameters.get(q).gradient()) {
        sum += (double) g * g;
      }
    }
    lastGradientNorm = Math.sqrt(sum);
    double coefficient = maxGradientNorm / (lastGradientNorm + 1e-6);
    if (coefficient < 1) {
      float c = (float) coefficient;
      for (int q = 0, n = parameters.size(); q < n; q++) {
        float[] g = parameters.get(q).gradient();
        for (int i = 0; i < g.length; i++) {
          g[i] *= c;
        }
      }
    }
  }

  /**
   * One optimizer update from the gradients the parameters hold now (clipped first when {@link #setGradientClip}
   * asks): what {@link #trainBatch} does after {@link #computeGradients}, for a caller that computed or combined the
   * gradients itself ({@code org.snn4j.core.train.GradientShards}).
   */
  public void applyGradients() {
    optimizerStep();
  }

  private void optimizerStep() {
    if (maxGradientNorm > 0) {
      clipGradients();
    }
    if (optimizer instanceof PooledOptimizer pooled) {
      pooled.step(parameters, pool);
    } else {
      optimizer.step(parameters);
    }
  }

  /** {@link #computeGradients(SpikeTensor, int[])} for analog input currents. */
  public float computeGradients(FloatTensor input, int[] labels) {
    checkShape(input.size(), input.batch(), labels);
    pass.forward(input.timesteps(), input.batch(), null, input.data(), true);
    return backward(input.timesteps(), input.batch(), labels);
  }

  /** Forward pass with analog input currents; writes the output rates {@code [B][K]}. */
  public void infer(FloatTensor input, float[] ratesOut) {
    checkShape(input.size(), input.batch(), null);
    pass.forward(input.timesteps(), input.batch(), null, input.data(), false);
    System.arraycopy(pass.rates(), 0, ratesOut, 0, input.batch() * network.classCount());
  }

  /**
   * Forward and backward without updating: afterwards every {@link Parameter#gradient()} holds dLoss/dparameter
   * for this batch.
   *
   * @return the batch loss
   */
  public float computeGradients(SpikeTensor input, int[] labels) {
    checkShape(input.size(), input.batch(), labels);
    pass.forward(input.timesteps(), input.batch(), input.data(), null, true);
    return backward(input.timesteps(), input.batch(), labels);
  }

  private void checkShape(int size, int batch, int[] labels) {
    if (size != network.inputSize()) {
      throw new IllegalArgumentException("network expects " + network.inputSize() + " inputs, got " + size);
    }
    if (labels == null) {
      return;
    }
    int classes = network.classCount();
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
    int classes = network.classCount();
    ensureGradients(steps, batch);
    int last = layers.size() - 1;
    float[] top = gradOutput[last];
    if (liveSamples.length < batch) {
      liveSamples = new boolean[batch];
    }
    Readout readout = network.readout();
    if (tet != null || readout.membrane() || readout.vote()) {
      return backwardReadout(steps, batch, labels, readout);
    }
    float value = loss.evaluate(pass.rates(), labels, batch, classes, rateGradient);
    float perStep = 1f / steps;
    for (int b = 0; b < batch; b++) {
      boolean live = false;
      for (int k = 0; k < classes && !live; k++) {
        live = rateGradient[b * classes + k] != 0f;
      }
      liveSamples[b] = live;
    }
    // below a layer that mixes samples (tdbn) a dead sample's gradients are no longer zero: no skipping there
    boolean mixedAbove = false;
    for (int l = layers.size() - 1; l >= 0; l--) {
      pass.tape(l).setLiveSamples(skipDeadSamples && !mixedAbove ? liveSamples : null);
      mixedAbove |= layers.get(l).mixesSamples();
    }
    for (int t = 0; t < steps; t++) {
      int base = t * batch * classes;
      for (int i = 0; i < batch * classes; i++) {
        top[base + i] = rateGradient[i] * perStep;
      }
    }
    for (int l = last; l >= 0; l--) {
      float[] below = l == 0 ? null : gradOutput[l - 1];
      layers.get(l).backward(gradOutput[l], pass.tape(l), surrogate, below, pool);
    }
    return value;
  }

  /**
   * The backward pass of a membrane readout or a TET loss: {@code dL/d(score)} per step into the top gradient (for
   * the rate readout, {@code dL/do[t]}; for the membrane readout, {@code dL/dI[t]} through the integrator, {@code
   * dL/dI[t] = Σ_{u≥t} β^(u-t)·dL/dU[u]}), then the layers down.
   */
  private float backwardReadout(int steps, int batch, int[] labels, Readout readout) {
    int classes = network.classCount();
    int group = readout.group(); // a vote's neurons per class; 1 otherwise
    int n = batch * classes;
    int outputs = classes * group;
    int last = layers.size() - 1;
    float[] top = gradOutput[last];
    float value;
    if (tet == null) {
      value = loss.evaluate(pass.rates(), labels, batch, classes, rateGradient);
      // membrane: s = Σ_t c_t·I[t]; rate and vote: s = (1/(N·T)) Σ_t Σ_j o[t][k·N + j]
      float[] c = readout.membrane() ? readout.stepWeights(steps) : null;
      float perOutput = 1f / (steps * group);
      for (int t = 0; t < steps; t++) {
        float w = c != null ? c[t] : perOutput;
        spread(rateGradient, w, top, t * batch * outputs, n, group);
      }
    } else {
      if (stepScores.length < n) {
        stepScores = new float[n];
        stepGradient = new float[n];
      }
      double sum = 0;
      float[] scores = pass.stepScores();
      float perOutput = 1f / (steps * group);
      for (int t = 0; t < steps; t++) {
        System.arraycopy(scores, t * n, stepScores, 0, n);
        sum += tet.perStep().evaluate(stepScores, labels, batch, classes, stepGradient);
        spread(stepGradient, perOutput, top, t * batch * outputs, n, group);
      }
      value = (float) (sum / steps);
      if (readout.membrane()) { // dL/dU[t] to dL/dI[t], from the last step back
        float decay = readout.decay();
        for (int t = steps - 2; t >= 0; t--) {
          for (int i = 0; i < n; i++) {
            top[t * n + i] += decay * top[(t + 1) * n + i];
          }
        }
      }
    }
    java.util.Arrays.fill(liveSamples, 0, batch, true); // always safe: a live sample is computed in full
    boolean mixedAbove = false;
    for (int l = layers.size() - 1; l >= 0; l--) {
      pass.tape(l).setLiveSamples(skipDeadSamples && !mixedAbove ? liveSamples : null);
      mixedAbove |= layers.get(l).mixesSamples();
    }
    for (int l = last; l >= 0; l--) {
      float[] below = l == 0 ? null : gradOutput[l - 1];
      if (l == last && readout.membrane()) {
        ((SpikingLayer) layers.get(l)).backwardCurrents(top, pass.tape(l), below, pool);
      } else {
        layers.get(l).backward(gradOutput[l], pass.tape(l), surrogate, below, pool);
      }
    }
    return value;
  }

  /** {@code top[at + i·N + j] = g[i]·w} for every score {@code i < n} and each of its {@code N} neurons. */
  private static void spread(float[] g, float w, float[] top, int at, int n, int group) {
    for (int i = 0; i < n; i++) {
      float v = g[i] * w;
      for (int j = 0; j < group; j++) {
        top[at + i * group + j] = v;
      }
    }
  }

  private void ensureGradients(int steps, int batch) {
    for (int l = 0; l < layers.size(); l++) {
      int need = steps * batch * layers.get(l).outputSize();
      if (gradOutput[l].length < need) {
        gradOutput[l] = new float[need];
      }
    }
    int need = batch * network.classCount();
    if (rateGradient.length < need) {
      rateGradient = new float[need];
    }
  }

  @Override
  public void infer(SpikeTensor input, float[] ratesOut) {
    checkShape(input.size(), input.batch(), null);
    pass.forward(input.timesteps(), input.batch(), input.data(), null, false);
    System.arraycopy(pass.rates(), 0, ratesOut, 0, input.batch() * network.classCount());
  }

  /** Output rates {@code [B][K]} of the last forward pass (a copy). */
  public float[] lastRates() {
    return Arrays.copyOf(pass.rates(), pass.lastBatch() * network.classCount());
  }

  /**
   * How many of the last forward pass's first {@code batch} samples had their highest output rate at {@code
   * labels[b]} (ties go to the lowest class, as in evaluation); reads the rates in place, allocates nothing.
   */
  public int lastCorrect(int[] labels, int batch) {
    float[] r = pass.rates();
    int classes = network.outputSize();
    int correct = 0;
    for (int b = 0; b < batch; b++) {
      int best = 0;
      for (int k = 1; k < classes; k++) {
        if (r[b * classes + k] > r[b * classes + best]) {
          best = k;
        }
      }
      if (best == labels[b]) {
        correct++;
      }
    }
    return correct;
  }

  /** Spikes of spiking layer {@code l} in the last forward pass, {@code [T][B][out]} (a copy). */
  public SpikeTensor lastSpikes(int l) {
    SpikingTape tape = (SpikingTape) pass.tape(l);
    int out = layers.get(l).outputSize();
    return new SpikeTensor(tape.timesteps(), tape.batch(), out, SpikeBits.toBytes(tape.spikes(), tape.rows(), out));
  }

  /** Number of spikes each layer put out in the last forward pass. */
  public long[] lastSpikeCounts() {
    return pass.lastSpikeCounts();
  }

  /**
   * Bytes the backward pass keeps per sample (the BPTT tape: spike bits, membranes), for the sizes of the last
   * batch.
   */
  public long tapeBytesPerSample() {
    long sum = 0;
    for (int l = 0; l < pass.layerCount(); l++) {
      sum += pass.tape(l).bytesPerSample();
    }
    return sum;
  }

  /** Bytes of per-step scratch per sample (gradients, term lists), for the sizes of the last batch. */
  public long scratchBytesPerSample() {
    long sum = 0;
    for (int l = 0; l < pass.layerCount(); l++) {
      sum += pass.tape(l).scratchBytesPerSample();
    }
    return sum;
  }
}
