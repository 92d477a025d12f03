package org.snn4j.core.net;

/**
 * What one {@link DenseSpikingLayer} keeps from its forward pass for the backward pass, plus its scratch space.
 * Sized for a capacity of {@code T·B} rows and reused while the shape fits, so steady-state training allocates
 * nothing.
 *
 * <p>Row {@code r = t·B + b} is one (time step, sample) pair.
 */
final class LayerTape {
  final int in;
  final int out;
  final int stateSize;
  int timesteps;
  int batch;
  int capacityRows;

  /** The layer's input spikes {@code [rows][in]} (not owned), or null for analog input. */
  byte[] input;
  /** The layer's analog input {@code [rows][in]} (not owned), or null for spiking input. */
  float[] analogInput;
  /** Spike lists and scratch of the synaptic products. */
  final SpikeProducts.Workspace products;
  /** Input currents {@code I[t]}, {@code [rows][out]}; the LIF fast path turns them into membranes in place. */
  float[] current;
  /** Neuron states {@code s[t]} of the generic path, {@code [rows][out][stateSize]}; unused by the LIF path. */
  float[] state;
  /** Output spikes {@code o[t]}, {@code [rows][out]}. */
  byte[] spikes;
  /** dLoss/dI, {@code [rows][out]}. */
  float[] gradCurrent;
  /** Surrogate arguments, then values h(z), {@code [rows][out]}. */
  float[] surrogate;

  LayerTape(int in, int out, int stateSize) {
    this.in = in;
    this.out = out;
    this.stateSize = stateSize;
    this.products = new SpikeProducts.Workspace(in);
  }

  /** Makes room for {@code T·B} rows; allocates only when the capacity grows. */
  void ensure(int timesteps, int batch) {
    this.timesteps = timesteps;
    this.batch = batch;
    int rows = timesteps * batch;
    long inCells = (long) rows * in;
    long outCells = (long) rows * out;
    if (inCells > Integer.MAX_VALUE - 8 || outCells * Math.max(1, stateSize) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "batch too large for one pass: " + timesteps + " steps × " + batch + " samples × " + Math.max(in, out));
    }
    products.ensure(rows);
    if (rows <= capacityRows) {
      return;
    }
    current = new float[(int) outCells];
    spikes = new byte[(int) outCells];
    gradCurrent = new float[(int) outCells];
    surrogate = new float[(int) outCells];
    state = null;
    capacityRows = rows;
  }

  /** The generic path's state array, allocated on first use. */
  float[] state() {
    if (state == null) {
      state = new float[Math.multiplyExact(capacityRows * out, stateSize)];
    }
    return state;
  }

  int rows() {
    return timesteps * batch;
  }

  /** Bytes of tape per sample: what training keeps per sample across the forward and backward pass. */
  long bytesPerSample() {
    long perRow = products.bytesPerRow() + (long) out * (4 + 1 + 4 + 4) + (state == null ? 0 : 4L * out * stateSize);
    return perRow * timesteps;
  }
}
