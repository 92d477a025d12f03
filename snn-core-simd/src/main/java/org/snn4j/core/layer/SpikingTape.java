package org.snn4j.core.layer;

import org.snn4j.core.memory.Footprint;

/**
 * The tape of a {@link SpikingLayer}: the input it was run on (not owned: the layer below's output, or the
 * trainer's), the currents (membranes, for the LIF path), the output spikes as bits, dL/dI, and the synapse's
 * scratch and the dynamics' state.
 */
public final class SpikingTape extends Tape {
  final int in;
  final int out;
  final int wordsIn;
  final int wordsOut;
  final int stateSize;
  final Synapse.Scratch scratch;
  final NeuronDynamics.State state;
  /** The tdBN stage's {@code x̂} and statistics, or null when the layer has none. */
  final TdBatchNorm.Scratch norm;
  private final Activation output = new Activation();
  private int capacityRows;
  Activation input;
  /** Input currents {@code I[t]}, {@code [rows][out]}; the LIF fast path turns them into membranes in place. */
  float[] current;
  /** Output spikes {@code o[t]}, {@code [rows][words(out)]}. */
  long[] spikes;
  /** dLoss/dI, {@code [rows][out]}. */
  float[] gradCurrent;

  SpikingTape(int in, int out, int stateSize, Synapse.Scratch scratch, NeuronDynamics.State state) {
    this(in, out, stateSize, scratch, state, null);
  }

  SpikingTape(
      int in, int out, int stateSize, Synapse.Scratch scratch, NeuronDynamics.State state, TdBatchNorm.Scratch norm) {
    this.in = in;
    this.out = out;
    this.wordsIn = SpikeBits.words(in);
    this.wordsOut = SpikeBits.words(out);
    this.stateSize = stateSize;
    this.scratch = scratch;
    this.state = state;
    this.norm = norm;
  }

  /**
   * Adds the tape's own arrays for {@code timesteps × batch} rows ({@link #ensure}): the currents, dL/dI and the
   * output spike bits; the synapse's scratch and the dynamics' state add their own ({@link
   * org.snn4j.core.dense.DenseSynapse#scratchFootprint}, {@link NeuronDynamics#stateFootprint}).
   */
  public static void footprint(Footprint f, String layer, int out, int timesteps, int batch) {
    long cells = Footprint.times(timesteps, batch, out);
    String what = layer + "'s tape (T × --batch × outputs)";
    f.floats(what, cells, true).floats(what, cells, true);
    f.longs(what, Footprint.times(timesteps, batch, SpikeBits.words(out)), true);
  }

  @Override
  public void ensure(int timesteps, int batch) {
    super.ensure(timesteps, batch);
    int rows = Math.multiplyExact(timesteps, batch);
    long inCells = (long) rows * in;
    long outCells = (long) rows * out;
    if (inCells > Integer.MAX_VALUE - 8 || outCells * Math.max(1, stateSize) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "batch too large for one pass: " + timesteps + " steps × " + batch + " samples × " + Math.max(in, out));
    }
    scratch.ensure(timesteps, batch);
    if (norm != null) {
      norm.ensure(rows);
    }
    if (rows <= capacityRows) {
      return;
    }
    current = new float[(int) outCells];
    spikes = new long[rows * wordsOut];
    gradCurrent = new float[(int) outCells];
    state.ensure(rows);
    output.setBits(spikes);
    capacityRows = rows;
  }

  @Override
  public Activation output() {
    return output;
  }

  /**
   * Input currents {@code [rows][out]} of the last forward pass (live); after the LIF fast path's recurrence, the
   * membranes.
   */
  public float[] currents() {
    return current;
  }

  /** Output spikes {@code [rows][words(out)]} of the last forward pass (live). */
  public long[] spikes() {
    return spikes;
  }

  @Override
  public void freezeWeights() {
    scratch.freezeWeights();
  }

  @Override
  public long weightPacks() {
    return scratch.weightPacks();
  }

  /** Input spike bits, output spike bits and the dynamics' tape (membranes, or states and spike bytes). */
  @Override
  public long bytesPerSample() {
    long perRow = 8L * wordsIn + 8L * wordsOut + state.tapeBytesPerRow() + (norm == null ? 0 : norm.tapeBytesPerRow());
    return perRow * timesteps;
  }

  /** Gradients, term lists and surrogate values. */
  @Override
  public long scratchBytesPerSample() {
    long perRow = scratch.scratchBytesPerRow() + 4L * out + state.scratchBytesPerRow();
    return perRow * timesteps;
  }
}
