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
  /** Active inputs per row: {@code active[r·in .. r·in + activeCount[r])}, ascending. */
  int[] active;
  int[] activeCount;
  /** Per input, the rows where it spiked, ascending (built in the backward pass). */
  int[] columnStart;
  int[] columnEnd;
  int[] columnRows;
  /** Event lists of the forward pass as [start, end) into {@link #active}, one per row. */
  int[] listStart;
  int[] listEnd;
  /** Tile bounds of {@link EventSum}'s lists, for the forward (per row) and the weight-gradient (per input) pass. */
  int[] bounds;
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
    this.columnStart = new int[in + 1];
    this.columnEnd = new int[in];
  }

  /** Makes room for {@code T·B} rows; allocates only when the capacity grows. */
  void ensure(int timesteps, int batch) {
    this.timesteps = timesteps;
    this.batch = batch;
    int rows = timesteps * batch;
    if (rows <= capacityRows) {
      return;
    }
    long inCells = (long) rows * in;
    long outCells = (long) rows * out;
    if (inCells > Integer.MAX_VALUE - 8 || outCells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "batch too large for one pass: " + timesteps + " steps × " + batch + " samples × " + Math.max(in, out));
    }
    active = new int[(int) inCells];
    columnRows = new int[(int) inCells];
    activeCount = new int[rows];
    listStart = new int[rows];
    listEnd = new int[rows];
    int chunks = Math.max(EventSum.chunks(in), EventSum.chunks(rows)) + 1;
    bounds = new int[Math.multiplyExact(Math.max(rows, in), chunks)];
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
    long perRow = (long) in * 8 + 4 + (long) out * (4 + 1 + 4 + 4);
    return perRow * timesteps;
  }
}
