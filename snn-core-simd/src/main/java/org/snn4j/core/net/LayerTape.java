package org.snn4j.core.net;

/**
 * What one {@link DenseLifLayer} keeps from its forward pass for the backward pass, plus its scratch space. Sized
 * for a capacity of {@code T·B} rows and reused while the shape fits, so steady-state training allocates nothing.
 *
 * <p>Row {@code r = t·B + b} is one (time step, sample) pair.
 */
final class LayerTape {
  final int in;
  final int out;
  int timesteps;
  int batch;
  int capacityRows;

  /** The layer's input spikes {@code [rows][in]} (not owned). */
  byte[] input;
  /** Spike lists and scratch of the synaptic products. */
  final SpikeProducts.Workspace products;
  /** Membrane potentials {@code u[t]}, {@code [rows][out]}. */
  float[] membrane;
  /** Output spikes {@code o[t]}, {@code [rows][out]}. */
  byte[] spikes;
  /** dLoss/du, {@code [rows][out]}. */
  float[] gradMembrane;
  /** Surrogate values h(u - vth), {@code [rows][out]}. */
  float[] surrogate;

  LayerTape(int in, int out) {
    this.in = in;
    this.out = out;
    this.products = new SpikeProducts.Workspace(in);
  }

  /** Makes room for {@code T·B} rows; allocates only when the capacity grows. */
  void ensure(int timesteps, int batch) {
    this.timesteps = timesteps;
    this.batch = batch;
    int rows = timesteps * batch;
    long inCells = (long) rows * in;
    long outCells = (long) rows * out;
    if (inCells > Integer.MAX_VALUE - 8 || outCells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "batch too large for one pass: " + timesteps + " steps × " + batch + " samples × " + Math.max(in, out));
    }
    products.ensure(rows);
    if (rows <= capacityRows) {
      return;
    }
    membrane = new float[(int) outCells];
    spikes = new byte[(int) outCells];
    gradMembrane = new float[(int) outCells];
    surrogate = new float[(int) outCells];
    capacityRows = rows;
  }

  int rows() {
    return timesteps * batch;
  }

  /** Bytes of tape per sample: what training keeps per sample across the forward and backward pass. */
  long bytesPerSample() {
    long perRow = products.bytesPerRow() + (long) out * (4 + 1 + 4 + 4);
    return perRow * timesteps;
  }
}
