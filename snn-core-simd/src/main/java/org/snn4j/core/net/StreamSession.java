package org.snn4j.core.net;

import java.util.Arrays;
import java.util.List;
import org.snn4j.core.Tuning;
import org.snn4j.core.conv.Pool2d;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Activation;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.Flatten;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.NeuronStepper;
import org.snn4j.core.layer.PixelLayout;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.SpikingTape;
import org.snn4j.core.layer.Tape;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Streaming inference on a {@link FrozenNet}: the neuron state of {@code lanes} samples advanced together, one time
 * step per call. {@link #step(byte[])} takes one step of input spikes (or {@link #step(float[])} one step of analog
 * currents, the {@code direct} encoder's input) and leaves that step's output spikes, the last layer's membranes,
 * the spike counts and the class scores since the last {@link #reset()}; an optional early decision ({@link
 * #setDecisionMargin}) marks a lane decided once one class leads the others by a margin of spikes, with the step at
 * which it did.
 *
 * <p><b>Readouts.</b> {@link #scores} and {@link #leader} follow the network's {@link Readout}, and after {@code T}
 * steps are the batch evaluation's scores and prediction for those {@code T} steps ({@link StreamScores}):
 *
 * <ul>
 *   <li>{@code rate}: the output spike counts divided by the steps ({@link #rates} too);
 *   <li>{@code vote:N}: the mean rate of each class's N voters; the spike methods ({@link #spikeCount}, {@link
 *       #outputSpikes}, {@link #rates}) are per voter, {@link #outputSize()} neurons = {@link #classCount()} × N;
 *   <li>{@code membrane[:decay=β]}: the last layer's neurons do not run; its currents feed a non-spiking leaky
 *       integrator, {@link #membranes} gives its {@code U} after each step and the score is the mean of {@code U}
 *       over the steps. The last layer puts out no spikes, so the spike methods and the early decision, counted in
 *       spikes, are refused with an {@link UnsupportedOperationException}.
 * </ul>
 *
 * <p>Each step runs every layer on one row per lane (a batch of {@code T = 1}) through the layers' own forward
 * kernels, and the neurons through {@link NeuronStepper}, which keeps their state between calls. A wide dense
 * layer's currents are therefore the bias plus the weight rows of the step's spikes, in input order: exactly what
 * the batch evaluation computes with the plain sums (the GEMM path, {@code Tuning.withDenseAbove(0)}; narrow dense
 * layers, conv layers, pooling and flatten always sum that way). The batch path's default for wide layers also
 * groups a sample's inputs across steps (step groups, base rows), which needs the steps to come, and rounds
 * differently in the last bit; its spikes agree unless a membrane lies within that rounding of the threshold.
 *
 * <p><b>Threads.</b> A session is confined to one thread at a time: it is not thread-safe, and runs its kernels on
 * the calling thread. Any number of sessions, on any threads, may share one frozen network. After the first step
 * (which packs the weights and sizes the workspaces) a step allocates nothing.
 *
 * <p>Layers that keep state across steps beyond their neurons (NeuNorm) are not supported yet and are refused when
 * the session is made, naming the layer.
 */
public final class StreamSession implements AutoCloseable {
  private final SequentialNet network;
  private final List<NetworkLayer> layers;
  private final int lanes;
  private final Kernels kernels;
  private final WorkerPool pool = new WorkerPool(1);
  private final Tape[] tapes;
  /** Per layer, the neuron stepper of a spiking layer, null for the others. */
  private final NeuronStepper[] steppers;
  private final PixelLayout inputLayout;
  private final int in;
  /** The last layer's neurons per lane. */
  private final int outputs;
  private final int outWords;
  private final boolean membraneReadout;
  private final StreamScores scores;
  private final Activation input = new Activation();
  private final long[] inputBits;
  private final long[] packedBits;
  private final float[] inputAnalog;
  private final int[] decidedClass;
  private final int[] decidedStep;
  private int margin;

  StreamSession(SequentialNet network, Tuning tuning, int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
    }
    this.network = network;
    this.layers = network.layers();
    this.lanes = lanes;
    // the kernels the network was built with (its first spiking layer's), so a net of the scalar twin streams on it
    this.kernels = layers.stream().filter(SpikingLayer.class::isInstance).map(l -> ((SpikingLayer) l).kernels())
        .findFirst().orElse(Kernels.get());
    this.tapes = new Tape[layers.size()];
    this.steppers = new NeuronStepper[layers.size()];
    Readout readout = network.readout();
    this.membraneReadout = readout.membrane();
    for (int l = 0; l < tapes.length; l++) {
      NetworkLayer layer = layers.get(l);
      // a membrane readout's layer runs only its currents, which the scores integrate: it gets no neurons
      boolean readoutLayer = membraneReadout && l == tapes.length - 1;
      if (layer instanceof SpikingLayer s) {
        steppers[l] = readoutLayer ? null : new NeuronStepper(s.dynamics(), lanes, kernels);
      } else if (!(layer instanceof Flatten || layer instanceof Pool2d || layer instanceof Dropout)) {
        throw new UnsupportedOperationException("layer " + l + " (" + layer + ") keeps state across steps that a"
            + " streaming session does not carry yet; only spiking, pooling, flatten and dropout layers stream");
      }
      tapes[l] = layer.newTape(tuning);
      tapes[l].freezeWeights();
      tapes[l].ensure(1, lanes);
      tapes[l].setTraining(false);
    }
    if (!(layers.get(layers.size() - 1) instanceof SpikingLayer)) {
      throw new IllegalArgumentException("the last layer is not spiking: a streaming session counts its spikes");
    }
    Shape shape = layers.get(0).inputShape();
    this.inputLayout = shape.rank() == 3 && shape.dim(0) > 1
        ? new PixelLayout(shape.dim(0), shape.dim(1), shape.dim(2)) : null;
    this.in = network.inputSize();
    this.outputs = network.outputSize();
    this.outWords = SpikeBits.words(outputs);
    this.scores = new StreamScores(readout, lanes, outputs);
    int words = SpikeBits.words(in);
    this.inputBits = new long[Math.multiplyExact(lanes, words)];
    this.packedBits = inputLayout == null ? inputBits : new long[inputBits.length];
    this.inputAnalog = new float[Math.multiplyExact(lanes, in)];
    this.decidedClass = new int[lanes];
    this.decidedStep = new int[lanes];
    reset();
  }

  /** Samples advanced together. */
  public int lanes() {
    return lanes;
  }

  /** Inputs per lane and step. */
  public int inputSize() {
    return in;
  }

  /**
   * The last layer's neurons per lane: one per class, or {@link #classCount()} × N with a {@code vote:N} readout.
   */
  public int outputSize() {
    return outputs;
  }

  /** Classes scored per lane ({@link #scores}): {@link #outputSize()}, or divided by N with a {@code vote:N}. */
  public int classCount() {
    return scores.classes();
  }

  /** Steps taken since the last {@link #reset()}. */
  public int steps() {
    return scores.steps();
  }

  /** Forgets every neuron's state, the spike counts and the decisions: the next step is a sample's first. */
  public void reset() {
    for (NeuronStepper s : steppers) {
      if (s != null) {
        s.reset();
      }
    }
    scores.reset();
    Arrays.fill(decidedClass, -1);
    Arrays.fill(decidedStep, -1);
  }

  /**
   * One step of input spikes, {@code [lanes][inputSize]} bytes (non-zero fires), laid out as the datasets give them
   * (an image channel-major, as {@link FrozenNet.Session#infer} takes it).
   */
  public void step(byte[] spikes) {
    checkLength("spikes", spikes.length, lanes * in);
    int words = SpikeBits.words(in);
    for (int b = 0; b < lanes; b++) {
      kernels.packBits(spikes, b * in, in, packedBits, b * words);
      if (inputLayout != null) {
        inputLayout.toPixelMajor(packedBits, b * words, inputBits, b * words);
      }
    }
    input.setBits(inputBits);
    run();
  }

  /** One step of analog input currents, {@code [lanes][inputSize]} floats, fed to the first layer. */
  public void step(float[] currents) {
    checkLength("currents", currents.length, lanes * in);
    for (int b = 0; b < lanes; b++) {
      if (inputLayout != null) {
        inputLayout.toPixelMajor(currents, b * in, inputAnalog, b * in);
      } else {
        System.arraycopy(currents, b * in, inputAnalog, b * in, in);
      }
    }
    input.setAnalog(inputAnalog);
    run();
  }

  private void checkLength(String what, int length, int need) {
    if (length != need) {
      throw new IllegalArgumentException(
          what + " holds " + length + " values, " + lanes + " lanes × " + in + " inputs need " + need);
    }
  }

  private void run() {
    Activation x = input;
    int last = tapes.length - 1;
    for (int l = 0; l < tapes.length; l++) {
      NetworkLayer layer = layers.get(l);
      if (steppers[l] != null) {
        SpikingTape tape = (SpikingTape) tapes[l];
        ((SpikingLayer) layer).forwardCurrents(x, tape, pool);
        steppers[l].step(tape.currents(), tape.spikes());
      } else if (l == last && membraneReadout) {
        SpikingTape tape = (SpikingTape) tapes[l];
        ((SpikingLayer) layer).forwardCurrents(x, tape, pool);
        scores.integrate(tape.currents());
        return;
      } else {
        layer.forward(x, tapes[l], pool);
      }
      x = tapes[l].output();
    }
    scores.countSpikes(outputBits(), outWords);
    if (margin > 0) {
      for (int b = 0; b < lanes; b++) {
        if (decidedClass[b] < 0) {
          decide(b);
        }
      }
    }
  }

  private void decide(int b) {
    int best = leader(b);
    int top = scores.classCount(b, best);
    int second = Integer.MIN_VALUE;
    int classes = scores.classes();
    for (int k = 0; k < classes; k++) {
      if (k != best) {
        second = Math.max(second, scores.classCount(b, k));
      }
    }
    if (classes == 1 || top - second >= margin) {
      decidedClass[b] = best;
      decidedStep[b] = scores.steps();
    }
  }

  private long[] outputBits() {
    requireSpikes();
    return tapes[tapes.length - 1].output().bits();
  }

  private void requireSpikes() {
    if (membraneReadout) {
      throw new UnsupportedOperationException("the network's readout is " + network.readout() + ": its last layer"
          + " integrates currents and does not spike; read membranes() and scores()");
    }
  }

  /** Whether output {@code k} of lane {@code lane} fired at the last step. */
  public boolean spiked(int lane, int k) {
    return (outputBits()[lane * outWords + (k >>> 6)] & (1L << k)) != 0;
  }

  /** Writes the last step's output spikes, {@code [lanes][outputSize]} as 0/1 bytes, to {@code dst}. */
  public void outputSpikes(byte[] dst) {
    long[] out = outputBits();
    for (int b = 0; b < lanes; b++) {
      for (int k = 0; k < outputs; k++) {
        dst[b * outputs + k] = (byte) ((out[b * outWords + (k >>> 6)] >>> k) & 1);
      }
    }
  }

  /**
   * Writes the last layer's membranes after the last step, {@code [lanes][outputSize]}, to {@code dst}: its neurons'
   * (for the LIF fast path, the value that crossed the threshold at a spiking step), or with the membrane readout
   * the non-spiking integrator's {@code U[t]}.
   */
  public void membranes(float[] dst) {
    if (membraneReadout) {
      scores.membranes(dst);
    } else {
      steppers[steppers.length - 1].membranes(dst);
    }
  }

  /** Spikes of output {@code k} of lane {@code lane} since the last {@link #reset()}. */
  public int spikeCount(int lane, int k) {
    requireSpikes();
    return scores.spikeCount(lane, k);
  }

  /**
   * Writes the output rates since the last reset, {@code [lanes][outputSize]}: each output neuron's spike count
   * divided by {@link #steps()}, as the batch evaluation computes them over its T steps (the scores of the rate
   * readout).
   */
  public void rates(float[] dst) {
    requireSpikes();
    int steps = scores.steps();
    for (int b = 0; b < lanes; b++) {
      for (int k = 0; k < outputs; k++) {
        dst[b * outputs + k] = steps == 0 ? 0f : (float) scores.spikeCount(b, k) / steps;
      }
    }
  }

  /**
   * Writes the class scores since the last reset, {@code [lanes][classCount]}, to {@code dst}: after {@code T}
   * steps, bit for bit the scores of the batch evaluation of those {@code T} steps ({@link FrozenNet.Session#infer}
   * with plain sums, see the class comment), for every readout.
   */
  public void scores(float[] dst) {
    int classes = scores.classes();
    for (int b = 0; b < lanes; b++) {
      for (int k = 0; k < classes; k++) {
        dst[b * classes + k] = scores.score(b, k);
      }
    }
  }

  /**
   * The class of lane {@code lane} with the highest score so far, the lowest index on a tie: the batch evaluation's
   * prediction (for the rate readout, the output with the most spikes).
   */
  public int leader(int lane) {
    return scores.leader(lane);
  }

  /**
   * Turns the early decision on ({@code margin > 0}) or off ({@code 0}): after each step, a lane not yet decided is
   * decided for its {@link #leader} once that class's spike count (with a vote, its voters' spikes together) exceeds
   * every other class's by at least {@code margin}. A decision stays until {@link #reset()}; the lane keeps stepping
   * (its counts keep growing) and the caller may stop feeding it.
   *
   * @throws UnsupportedOperationException for a margin above 0 with the membrane readout, which has no spikes to
   *     count
   */
  public void setDecisionMargin(int margin) {
    if (margin < 0) {
      throw new IllegalArgumentException("margin must be >= 0, got " + margin);
    }
    if (margin > 0 && membraneReadout) {
      throw new UnsupportedOperationException("the early decision counts a margin of spikes; the network's readout is "
          + network.readout() + ", whose last layer does not spike: compare scores() instead");
    }
    this.margin = margin;
  }

  /** Whether lane {@code lane} has been decided (see {@link #setDecisionMargin}). */
  public boolean decided(int lane) {
    return decidedClass[lane] >= 0;
  }

  /** The class lane {@code lane} was decided for, or -1. */
  public int decision(int lane) {
    return decidedClass[lane];
  }

  /** The step (1 for the first step after a reset) at which lane {@code lane} was decided, or -1. */
  public int decisionStep(int lane) {
    return decidedStep[lane];
  }

  /** Whether every lane has been decided. */
  public boolean allDecided() {
    for (int c : decidedClass) {
      if (c < 0) {
        return false;
      }
    }
    return true;
  }

  /** Spike bits of layer {@code l} at the last step, {@code [lanes][words]} (live; for tests). */
  long[] layerBits(int l) {
    return tapes[l].output().bits();
  }

  SequentialNet network() {
    return network;
  }

  /** Ends the session; it must not step afterwards. It holds no threads (it runs on the caller's). */
  @Override
  public void close() {
    pool.close();
  }
}
