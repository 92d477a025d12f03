package org.snn4j.core.net;

import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * What one {@link DenseSpikingLayer} keeps from its forward pass for the backward pass, plus its scratch space.
 * Sized for a capacity of {@code T·B} rows and reused while the shape fits, so steady-state training allocates
 * nothing.
 *
 * <p>Row {@code r = t·B + b} is one (time step, sample) pair. Spikes are bits ({@link SpikeBits}): the tape proper is
 * the input spikes (bits, owned by the layer below or the trainer), the membranes (floats) and the output spikes
 * (bits).
 */
final class LayerTape {
  final int in;
  final int out;
  final int wordsIn;
  final int wordsOut;
  final int stateSize;
  int timesteps;
  int batch;
  int capacityRows;

  /** The layer's input spikes {@code [rows][words(in)]} (not owned), or null for analog input. */
  long[] input;
  /** The layer's analog input {@code [rows][in]} (not owned), or null for spiking input. */
  float[] analogInput;
  /** Term lists and scratch of the synaptic products. */
  final SpikeProducts.Workspace products;
  /** Input currents {@code I[t]}, {@code [rows][out]}; the LIF fast path turns them into membranes in place. */
  float[] current;
  /** Neuron states {@code s[t]} of the generic path, {@code [rows][out][stateSize]}; unused by the LIF path. */
  float[] state;
  /** Output spikes {@code o[t]}, {@code [rows][words(out)]}. */
  long[] spikes;
  /** The generic path's output spikes as bytes, {@code [rows][out]}, before they are packed. */
  byte[] spikeBytes;
  /** dLoss/dI, {@code [rows][out]}. */
  float[] gradCurrent;
  /** Surrogate arguments, then values h(z), {@code [rows][out]}; only for surrogates that are not fused. */
  float[] surrogate;
  /**
   * Per sample, whether its loss gradient is non-zero, set by the trainer before the backward pass (not owned);
   * {@code null}: every sample counts. A sample whose loss gradient is zero has zero gradients in every layer, so
   * its rows of dL/dI and dL/dx are filled with zeros instead of computed.
   */
  boolean[] liveSamples;

  // Range bodies of the layer's passes, made once per tape, and the arguments they read (see DenseSpikingLayer).
  WorkerPool.RangeBody biasBody;
  WorkerPool.RangeBody gradInputBody;
  WorkerPool.RangeBody forwardBody;
  WorkerPool.RangeBody backwardBody;
  float[] weightTransposed;
  float[] gradInput;
  float[] gradSpikes;
  SurrogateGradient surrogateFunction;

  LayerTape(int in, int out, int stateSize) {
    this.in = in;
    this.out = out;
    this.wordsIn = SpikeBits.words(in);
    this.wordsOut = SpikeBits.words(out);
    this.stateSize = stateSize;
    this.products = new SpikeProducts.Workspace(in);
  }

  /** Makes room for {@code T·B} rows; allocates only when the capacity grows. */
  void ensure(int timesteps, int batch) {
    this.timesteps = timesteps;
    this.batch = batch;
    int rows = Math.multiplyExact(timesteps, batch);
    long inCells = (long) rows * in;
    long outCells = (long) rows * out;
    if (inCells > Integer.MAX_VALUE - 8 || outCells * Math.max(1, stateSize) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "batch too large for one pass: " + timesteps + " steps × " + batch + " samples × " + Math.max(in, out));
    }
    products.ensure(timesteps, batch);
    if (rows <= capacityRows) {
      return;
    }
    current = new float[(int) outCells];
    spikes = new long[rows * wordsOut];
    gradCurrent = new float[(int) outCells];
    surrogate = null;
    spikeBytes = null;
    state = null;
    capacityRows = rows;
  }

  /**
   * Adds what a tape allocates for {@code timesteps × batch} rows ({@link #ensure} and the arrays made on first use),
   * its {@link SpikeProducts.Workspace} included.
   *
   * @param generic whether the layer runs the generic neuron path ({@link DenseNeuronLayer}: states, spike bytes and
   *     surrogate values), else the LIF fast path
   * @param surrogateScratch whether the LIF path keeps surrogate values (a surrogate that is not a box), in training
   */
  static void footprint(Footprint f, String layer, int in, int out, int stateSize, boolean generic,
      boolean surrogateScratch, int timesteps, int batch, boolean analog, boolean training) {
    SpikeProducts.Workspace.footprint(f, layer, in, out, timesteps, batch, analog, training);
    long cells = Footprint.times(timesteps, batch, out);
    String what = layer + "'s tape (T × --batch × outputs)";
    f.floats(what, cells, true).floats(what, cells, true);
    f.longs(what, Footprint.times(timesteps, batch, SpikeBits.words(out)), true);
    if (generic) {
      f.floats(layer + "'s neuron states (T × --batch × outputs × state)", Footprint.times(cells, stateSize), true);
      f.bytes(what, cells, true).floats(what, cells, true);
    } else if (surrogateScratch && training) {
      f.floats(what, cells, true);
    }
  }

  /** The generic path's state array, allocated on first use. */
  float[] state() {
    if (state == null) {
      state = new float[Math.multiplyExact(capacityRows * out, stateSize)];
    }
    return state;
  }

  /** The surrogate scratch, allocated on first use. */
  float[] surrogate() {
    if (surrogate == null) {
      surrogate = new float[capacityRows * out];
    }
    return surrogate;
  }

  /** The generic path's spike bytes, allocated on first use. */
  byte[] spikeBytes() {
    if (spikeBytes == null) {
      spikeBytes = new byte[capacityRows * out];
    }
    return spikeBytes;
  }

  int rows() {
    return timesteps * batch;
  }

  /**
   * Bytes of tape per sample: what the backward pass needs from the forward pass (input spike bits, membranes or
   * neuron states, output spike bits), over all time steps.
   */
  long bytesPerSample() {
    long perRow = 8L * wordsIn + 8L * wordsOut + (state == null ? 4L * out : 4L * out * stateSize + out);
    return perRow * timesteps;
  }

  /** Bytes of scratch per sample: gradients, term lists and surrogate values, rebuilt at every step. */
  long scratchBytesPerSample() {
    long perRow = products.scratchBytesPerRow() + 4L * out + (surrogate == null ? 0 : 4L * out);
    return perRow * timesteps;
  }
}
