package org.snn4j.core.dense;

import org.snn4j.core.Tuning;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.memory.Footprint;

/**
 * Scratch space for one dense layer's products: the term lists the planners write ({@link ForwardLists}, {@link
 * StepGroups}, {@link GradientLists}, {@link LiveRows}), the packed copies {@link EventSum} reads, and the jobs that
 * run each product on a pool. Sized once for a capacity of rows and reused, so a product allocates nothing.
 */
public final class DenseWorkspace {
  final int in;
  final int out;
  final int words;
  final Tuning tuning;
  /** Floats before the packed rows ({@link Tuning#packPad()}). */
  final int packPad;
  int timesteps;
  int batch;
  int rows;
  int capacity;
  /** Forward terms of row r at [r·in, fEnd[r]): adds up to fAdd[r], then subtractions. */
  int[] fIdx;
  int[] fAdd;
  int[] fEnd;
  /** Where a narrow layer's row starts its list in {@link #fIdx} (it ends at {@link #fEnd}). */
  int[] narrowFrom;
  /**
   * What row r starts from: {@link ForwardLists#FROM_BIAS}, {@link ForwardLists#FROM_PREVIOUS} (row r - B), {@link
   * ForwardLists#FROM_BASE} or {@link ForwardLists#FROM_GROUPS}.
   */
  byte[] fMode;
  /**
   * Per sample, whether it has a base row (the sum over its inputs that fire at most steps), and how it is
   * computed: from the bias plus the terms at {@code [b·in, baseEnd[b])} when {@code baseRef[b] < 0}, else from the
   * base row of sample {@code baseRef[b]} (an earlier sample of the same group of {@link
   * EventSum#SAMPLES_PER_UNIT}) plus the terms up to {@code baseAdd[b]} and minus the rest.
   */
  boolean[] hasBase;
  int[] baseIdx;
  int[] baseAdd;
  int[] baseEnd;
  int[] baseRef;
  /**
   * Per sample, whether it takes the step-group form ({@link StepGroups}). Its inputs, grouped by the steps they
   * fired at within a chunk of steps, are listed at the chunk's first row {@code r0} in {@code fIdx}, group after
   * group: group {@code g} (1 to 2^k - 1) from {@code groupStart[r0·32 + g - 1]} to {@code groupStart[r0·32 + g]}.
   */
  boolean[] grouped = new boolean[0];
  int[] groupStart;
  /**
   * Per sample, scratch for building its groups: each fired input's index and pattern ({@code i << 5 | g}), and a
   * write position per group.
   */
  int[] groupCodes = new int[0];
  int[] groupCursor = new int[0];
  /** Per sample, the weight rows its step-group form reads. */
  int[] groupTerms = new int[0];
  /** Base rows {@code [B][out]}, bias included. */
  float[] baseRows = new float[0];
  /** Bit-sliced spike counters of the forward lists, 10 words per sample. */
  long[] sampleCounters = new long[0];
  /** Per sample, its majority inputs as bits, {@code [B][words]}. */
  long[] majority = new long[0];
  /** Whether the forward lists count each row's spikes (else the forward product has). */
  boolean countRows;
  /** Spikes per row, and how many inputs differ from the previous step's row and from the base row. */
  int[] rowSpikes;
  int[] rowChanged;
  int[] rowFromBase;
  /** Weight-gradient terms of input i: adds at [i·rows, gAdd[i]), subtractions at [gSub[i], (i+1)·rows). */
  int[] gIdx;
  int[] gAdd;
  int[] gSub;
  /**
   * Per row of the last weight gradient's source, {@code -1L} if it holds a non-zero value and {@code 0L} if it is
   * all zeros ({@code live}); per sample, whether any of its rows is live ({@code liveSample}); and how many rows
   * are live.
   */
  long[] live = new long[0];
  boolean[] liveSample = new boolean[0];
  int liveRows;
  /** Bit-sliced counters of the weight-gradient lists, 15 words per input word. */
  final long[] counters;
  float[] dense;
  /**
   * The packed copy {@link EventSum} reads ({@link Packing}): block after block of {@code packBlock} columns, each
   * {@code [packRows][w]} followed by {@code packPrefix} rows of prefix sums.
   */
  float[] packed = new float[0];
  int packRows;
  int packPrefix;
  int packBlock;
  /**
   * Weights that never change while this workspace is in use (a frozen network's): their packed copy is kept from
   * one forward pass to the next instead of being made again. Null for a trained network, whose weights may change
   * between any two calls.
   */
  float[] frozenWeights;
  /** The frozen weights whose packed copy {@link #packed} holds, or null. */
  float[] packedWeights;
  /** Forward passes that packed their weights (for tests). */
  long weightPacks;
  /** A narrow layer's weights or weight gradient with rows padded to {@link #narrowStride} floats. */
  float[] narrow = new float[0];
  int narrowStride;
  long spikes;
  long terms;

  /** The forward product's job, and the weight gradient's, made once: a product allocates nothing. */
  final ForwardJob forwardJob = new ForwardJob(this);
  final GradientJob gradientJob = new GradientJob(this);
  final AnalogJob analogJob = new AnalogJob(this);

  /** Scratch for a layer of {@code in} inputs and {@code out} outputs, tuned by {@code tuning}. */
  public DenseWorkspace(int in, int out, Tuning tuning) {
    this.in = in;
    this.out = out;
    this.tuning = tuning;
    this.packPad = tuning.packPad();
    this.words = SpikeBits.words(in);
    this.gAdd = new int[in];
    this.gSub = new int[in];
    this.counters = new long[words * 15];
  }

  /** Makes room for {@code timesteps × batch} rows; allocates only when the capacity grows. */
  public void ensure(int timesteps, int batch) {
    this.timesteps = timesteps;
    this.batch = batch;
    this.rows = Math.multiplyExact(timesteps, batch);
    if (hasBase == null || hasBase.length < batch) {
      hasBase = new boolean[batch];
      baseAdd = new int[batch];
      baseEnd = new int[batch];
      baseRef = new int[batch];
      baseIdx = new int[Math.multiplyExact(batch, in)];
      sampleCounters = new long[batch * 10];
      majority = new long[batch * words];
    }
    if (liveSample.length < batch) {
      liveSample = new boolean[batch];
    }
    if (grouped.length < batch) {
      grouped = new boolean[batch];
      groupTerms = new int[batch];
      groupCodes = new int[Math.multiplyExact(batch, in)];
      groupCursor = new int[batch * StepGroups.MAX_GROUPS];
    }
    if (rows <= capacity) {
      return;
    }
    live = new long[rows];
    int cells = Math.multiplyExact(rows, in);
    fIdx = new int[cells];
    gIdx = new int[cells];
    fAdd = new int[rows];
    fEnd = new int[rows];
    narrowFrom = new int[rows];
    fMode = new byte[rows];
    rowSpikes = new int[rows];
    rowChanged = new int[rows];
    rowFromBase = new int[rows];
    groupStart = new int[Math.multiplyExact(rows, StepGroups.MAX_GROUPS)];
    dense = null;
    capacity = rows;
  }

  /**
   * Adds the arrays a workspace of a layer {@code in → out} allocates for {@code timesteps × batch} rows: those of
   * the constructor and {@link #ensure}; the 0/1 or analog copy of the input ({@link #dense()}) when the GEMM may be
   * taken (analog input in training; spikes when {@link Tuning#denseAbove()} is below 1); and, for spiking input,
   * a narrow layer's padded rows ({@link NarrowProducts#padNarrow}), or a wide layer's base rows ({@link
   * ForwardJob}) and its packed copy ({@link Packing#prepare}: the weights, and in training the rows of dL/dI and
   * their prefix sums, in one buffer as long as the longer). Analog input takes neither: both its products are
   * GEMMs.
   *
   * @param analog whether the layer takes analog input
   * @param training whether the weight gradient is computed too
   */
  public static void footprint(
      Footprint f, String layer, int in, int out, Tuning tuning, int timesteps, int batch, boolean analog,
      boolean training) {
    long words = SpikeBits.words(in);
    long rows = Footprint.times(timesteps, batch);
    String lists = layer + "'s term lists";
    // the constructor
    f.ints(lists, in, false).ints(lists, in, false).longs(lists, 15 * words, false);
    // ensure: per sample
    f.bytes(lists, batch, true).ints(lists, batch, true).ints(lists, batch, true).ints(lists, batch, true);
    f.ints(layer + "'s base rows' terms (--batch × inputs)", Footprint.times(batch, in), true);
    f.longs(lists, Footprint.times(batch, 10), true).longs(lists, Footprint.times(batch, words), true);
    f.bytes(lists, batch, true).bytes(lists, batch, true).ints(lists, batch, true);
    f.ints(layer + "'s step groups (--batch × inputs)", Footprint.times(batch, in), true);
    f.ints(lists, Footprint.times(batch, StepGroups.MAX_GROUPS), true);
    // ensure: per row
    String cells = layer + "'s term lists (T × --batch × inputs)";
    f.longs(lists, rows, true).ints(cells, Footprint.times(rows, in), true).ints(cells, Footprint.times(rows, in), true);
    for (int a = 0; a < 6; a++) {
      f.ints(lists, rows, true); // fAdd, fEnd, narrowFrom, rowSpikes, rowChanged, rowFromBase
    }
    f.bytes(lists, rows, true).ints(lists, Footprint.times(rows, StepGroups.MAX_GROUPS), true);
    String dense = layer + "'s dense input (T × --batch × inputs)";
    if (analog) {
      if (training) {
        f.floats(dense, Footprint.times(rows, in), true);
      }
      return;
    }
    if (tuning.denseAbove() < 1) {
      f.floats(dense, Footprint.times(rows, in), true);
    }
    if (out < DenseProducts.FORMS_MIN_OUT) {
      f.floats(layer + "'s padded weights", Footprint.times(in, (out + 15) & -16), false);
      return;
    }
    f.floats(layer + "'s base rows", Footprint.times(batch, out), true);
    long weights = Footprint.times(in, out);
    long gradientRows = training ? Footprint.times(2, rows, out) : 0;
    f.floats(gradientRows > weights ? layer + "'s packed gradient rows (2 × T × --batch × outputs)"
        : layer + "'s packed weights", Footprint.plus(Math.max(weights, gradientRows), tuning.packPad()),
        gradientRows > weights);
  }

  /** Marks {@code weights} as never changing while this workspace is used: they are packed once. */
  public void freezeWeights(float[] weights) {
    this.frozenWeights = weights;
  }

  /** Forward passes that packed their layer's weights (for tests: once per wide layer of a frozen network). */
  public long weightPacks() {
    return weightPacks;
  }

  /** Spikes counted in the last forward product. */
  public long spikes() {
    return spikes;
  }

  /** Row terms the last event-driven forward product summed (each a row of W added or subtracted). */
  public long forwardTerms() {
    return terms;
  }

  /** Rows of the last event-driven weight gradient's source that held a non-zero value. */
  public int liveRows() {
    return liveRows;
  }

  /** The 0/1 or analog copy of the input the dense GEMM reads, allocated on first use. */
  float[] dense() {
    if (dense == null) {
      dense = new float[Math.multiplyExact(capacity, in)];
    }
    return dense;
  }

  float[] packedBuffer(int size) {
    if (packed.length < size) {
      packed = new float[size];
    }
    return packed;
  }

  /** Bytes of list scratch per row. */
  long scratchBytesPerRow() {
    return (long) in * 8 + 13;
  }
}
