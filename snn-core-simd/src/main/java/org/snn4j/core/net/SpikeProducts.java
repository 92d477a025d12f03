package org.snn4j.core.net;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The two products of a dense layer with binary input {@code x [rows][in]} (bits, {@link SpikeBits}) and weights
 * {@code W [in][out]}, over the {@code T·B} rows of a batch (row {@code r = t·B + b}):
 *
 * <pre>
 *   forward          I[r]  = b + Σ_{i: x[r][i]=1} W[i]          (rows of W selected by spikes)
 *   weight gradient  dW[i] =     Σ_{r: x[r][i]=1} gu[r]         (rows of dL/dI selected by spikes)
 * </pre>
 *
 * Each has an event-driven path (sums of selected rows, {@link EventSum}) and a dense path (a Vector API GEMM with
 * {@code x} as 0/1 floats); {@link Path#AUTO} takes the event-driven one unless {@code -Dsnn.denseAbove} sets a
 * density threshold.
 *
 * <p>The event path also uses what rate-coded input repeats over time. A sample's input at step {@code t} often
 * shares most of its spikes with step {@code t-1} (a bright pixel fires at most steps), so when fewer inputs
 * changed than fired, the current is computed from the previous step's:
 *
 * <pre>
 *   I[t] = I[t-1] + Σ_{i: x[t][i]=1, x[t-1][i]=0} W[i] - Σ_{i: x[t][i]=0, x[t-1][i]=1} W[i]
 * </pre>
 *
 * or, the same way, from the sample's base row, the sum over its inputs that fired at more than half of the steps
 * ({@link #forwardLists}). A sample may instead take the step-group form ({@link #groupLists}): within each chunk
 * of up to five steps, its inputs are grouped by the set of steps they fired at, each group's weight rows are summed
 * once, and each step adds the groups that contain it, so an input is read once per chunk however often it fires.
 * On rate-coded images this is the cheapest form for nearly every sample.
 *
 * For the weight gradient the same idea runs along time per (sample, input): with prefix sums {@code P[t] = Σ_{s≤t}
 * gu[s]} of one sample, an input that fired over the steps {@code s..e} contributes {@code P[e] - P[s-1]}, two
 * terms for the whole run instead of one per step, and an input that fired at almost every step contributes the
 * whole sum {@code P[T-1]} minus the steps it missed; each (sample, input) takes whichever form has the fewest terms
 * ({@link #gradientLists}). On rate-coded Fashion-MNIST this cuts the first layer's weight-row reads by 70% in the
 * forward product (0.30 per spike) and 60-74% in the weight gradient (docs/PERFORMANCE.md).
 * All forms are exact sums in a fixed order; they round differently from the dense path, by float rounding only.
 * Every choice depends on the data alone, so results do not depend on the thread count.
 */
public final class SpikeProducts {
  /**
   * Input density above which {@link Path#AUTO} takes the dense GEMM. {@code ProductBenchmark} measured the event
   * path faster at every density from 2% to 80% (above half, the delta and complement forms need fewer terms again),
   * so by default AUTO never switches: 1.0. Override with {@code -Dsnn.denseAbove=0.6}.
   */
  static final double DENSE_ABOVE = Double.parseDouble(System.getProperty("snn.denseAbove", "1.0"));

  /** Row modes of the forward pass: start from the bias, the same sample's previous row, or its base row. */
  static final byte FROM_BIAS = 0;
  static final byte FROM_PREVIOUS = 1;
  static final byte FROM_BASE = 2;
  /** Row mode of a sample that takes the step-group form ({@link #groupLists}): its rows are sums of group rows. */
  static final byte FROM_GROUPS = 3;

  /** Floats before the packed rows; see {@link EventSum#PACK_PAD}. */
  static final int PACK_PAD = EventSum.PACK_PAD;

  private SpikeProducts() {}

  /** Which implementation to use. */
  public enum Path {
    /** Sums of selected rows: work proportional to the number of spikes (or of changes). */
    EVENT,
    /** GEMM on 0/1 floats: work independent of density. */
    DENSE,
    /** Dense when the batch's input density exceeds {@link #DENSE_ABOVE}, else event-driven. */
    AUTO
  }

  /** Scratch space for one layer's products, sized once for a capacity of rows and reused. */
  public static final class Workspace {
    final int in;
    final int words;
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
    /** What row r starts from: {@link #FROM_BIAS}, {@link #FROM_PREVIOUS} (row r - B) or {@link #FROM_BASE}. */
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
     * Per sample, whether it takes the step-group form ({@link #groupLists}). Its inputs, grouped by the steps they
     * fired at within a chunk of steps, are listed at the chunk's first row {@code r0} in {@code fIdx}, group after
     * group: group {@code g} (1 to 2^k - 1) from {@code groupStart[r0·32 + g - 1]} to {@code groupStart[r0·32 + g]}.
     */
    boolean[] grouped = new boolean[0];
    /** Whether samples may take the step-group form ({@link #GROUPS} unless a test turns it off). */
    boolean stepGroups = GROUPS;
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
    /** Whether the forward lists count each row's spikes (else the caller has). */
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
    /**
     * Per sample, whether its loss gradient is non-zero ({@link LayerTape#liveSamples}, not owned); {@code null}: all
     * are. The rows of the others are zero, so the zero-row scan does not read them.
     */
    boolean[] lossLive;
    /** Bit-sliced counters of the weight-gradient lists, 15 words per input word. */
    final long[] counters;
    float[] dense;
    float[] packed = new float[0];
    /**
     * Weights that never change while this workspace is in use (a {@link FrozenMlp}'s): their packed copy is kept
     * from one forward pass to the next instead of being made again. Null for a trained network, whose weights may
     * change between any two calls.
     */
    float[] frozenWeights;
    /** The frozen weights whose packed copy {@link #packed} holds, or null. */
    private float[] packedWeights;
    /** Forward passes that packed their weights (for tests). */
    long weightPacks;
    /** A narrow layer's weights or weight gradient with rows padded to {@link #narrowStride} floats. */
    float[] narrow = new float[0];
    int narrowStride;
    long spikes;
    long terms;

    // The call frame of the current product: the range bodies below read their arguments from here, so each body
    // is allocated once per workspace and a product allocates nothing.
    Kernels kernels;
    long[] x;
    float[] analog;
    float[] src;
    float[] bias;
    float[] dst;
    int out;
    float[] packedSrc;
    int packRows;
    int packPrefix;
    int packBlock;
    final WorkerPool.RangeBody forwardDense = this::forwardDense;
    final WorkerPool.RangeBody forwardLists = (b0, b1) -> SpikeProducts.forwardLists(x, this, b0, b1);
    final WorkerPool.RangeBody forwardEvent = this::forwardEvent;
    final WorkerPool.RangeBody forwardNarrow = this::forwardNarrow;
    final WorkerPool.RangeBody gradientDense = this::gradientDense;
    final WorkerPool.RangeBody gradientLists = (i0, i1) -> SpikeProducts.gradientLists(x, this, i0, i1);
    final WorkerPool.RangeBody gradientEvent = this::gradientEvent;
    final WorkerPool.RangeBody gradientNarrow = this::gradientNarrow;
    final WorkerPool.RangeBody pack = this::pack;
    final WorkerPool.RangeBody liveness = this::liveness;
    final WorkerPool.RangeBody packGradient = this::packGradient;
    final WorkerPool.RangeBody forwardAnalog = this::forwardAnalog;
    final WorkerPool.RangeBody gradientAnalog = this::gradientAnalog;

    /** Scratch for inputs of size {@code in}. */
    public Workspace(int in) {
      this.in = in;
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
        groupCursor = new int[batch * MAX_GROUPS];
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
      groupStart = new int[Math.multiplyExact(rows, MAX_GROUPS)];
      dense = null;
      capacity = rows;
    }

    /** Spikes counted in the last {@link #forward}. */
    public long spikes() {
      return spikes;
    }

    /** Row terms the last event-driven forward pass summed (each a row of W added or subtracted). */
    public long forwardTerms() {
      return terms;
    }

    private void forwardDense(int r0, int r1) {
      float[] xf = dense();
      for (int r = r0; r < r1; r++) {
        System.arraycopy(bias, 0, dst, r * out, out);
        toFloats(x, r * words, in, xf, r * in);
      }
      kernels.gemm(xf, src, dst, r0, r1, in, out);
    }

    /**
     * Rows {@code [r0, r1)} of a narrow layer's forward pass: the bias plus the weight rows of the row's spikes, from
     * the padded copy of the weights in {@link #narrow} ({@link #padNarrow}). Four rows at a time list their spikes
     * into one stretch of the range's own lists, reused (it stays in L1), and are summed together.
     */
    private void forwardNarrow(int r0, int r1) {
      for (int rb = r0; rb < r1; rb += 4) {
        int re = Math.min(r1, rb + 4);
        // [r0·in, r0·in + 4·in) holds any four rows' lists and belongs to this range when it has four rows
        int k = (r1 - r0 >= 4 ? r0 : rb) * in;
        for (int r = rb; r < re; r++) {
          int end = k + SpikeBits.indices(x, r * words, words, fIdx, k);
          if (countRows) {
            rowSpikes[r] = end - k;
          }
          fMode[r] = FROM_BIAS;
          narrowFrom[r] = k;
          fAdd[r] = end;
          fEnd[r] = end;
          k = end;
        }
        kernels.sumRowSets(narrow, narrowStride, out, fIdx, narrowFrom, fEnd, bias, dst, rb, re);
      }
    }

    /**
     * Makes room in {@link #narrow} for {@code in} rows of {@code out} floats padded to a multiple of 16 (whole
     * vectors of any species), and copies {@code src}'s rows there when {@code copy}.
     */
    void padNarrow(float[] src, boolean copy) {
      narrowStride = (out + 15) & -16;
      int size = Math.multiplyExact(in, narrowStride);
      if (narrow.length < size) {
        narrow = new float[size];
      }
      if (copy) {
        for (int i = 0; i < in; i++) {
          System.arraycopy(src, i * out, narrow, i * narrowStride, out);
        }
      }
    }

    private void forwardEvent(int u0, int u1) {
      EventSum.forwardUnits(kernels, packedSrc, in, out, bias, this, u0, u1, dst);
    }

    private void gradientDense(int i0, int i1) {
      float[] xT = dense();
      for (int i = i0; i < i1; i++) {
        long bit = 1L << i;
        int q = i >>> 6;
        for (int r = 0; r < rows; r++) {
          xT[i * rows + r] = (x[r * words + q] & bit) != 0 ? 1f : 0f;
        }
      }
      Arrays.fill(dst, i0 * out, i1 * out, 0f);
      kernels.gemm(xT, src, dst, i0, i1, rows, out);
    }

    /**
     * Weight-gradient rows of a narrow layer for the inputs of words {@code [q0, q1)}: from zero, each live row of
     * the source added to the rows of the inputs it spiked at, samples in order and each sample's steps in order (the
     * order of the direct terms of {@link SpikeProducts#gradientLists}). No term lists: {@code gAdd} and {@code gSub}
     * are left empty.
     */
    private void gradientNarrow(int q0, int q1) {
      // the sums go to the padded rows of `narrow`, whole vectors that need no mask, then to dst
      float[] pad = narrow;
      int stride = narrowStride;
      for (int q = q0; q < q1; q++) {
        int i0 = q << 6;
        int i1 = Math.min(in, i0 + 64);
        Arrays.fill(pad, i0 * stride, i1 * stride, 0f);
        for (int i = i0; i < i1; i++) {
          gAdd[i] = i * rows;
          gSub[i] = (i + 1) * rows;
        }
        for (int b = 0; b < batch; b++) {
          if (!liveSample[b]) {
            continue;
          }
          for (int t = 0; t < timesteps; t++) {
            int r = t * batch + b;
            long bits = x[r * words + q] & live[r];
            if (bits != 0) {
              kernels.addToRowsOfBits(src, r * out, bits, i0, pad, stride, out);
            }
          }
        }
        for (int i = i0; i < i1; i++) {
          System.arraycopy(pad, i * stride, dst, i * out, out);
        }
      }
    }

    private void gradientEvent(int u0, int u1) {
      EventSum.gradientUnits(kernels, packedSrc, rows, in, out, this, u0, u1, dst);
    }

    private void forwardAnalog(int r0, int r1) {
      for (int r = r0; r < r1; r++) {
        System.arraycopy(bias, 0, dst, r * out, out);
      }
      kernels.gemm(analog, src, dst, r0, r1, in, out);
    }

    private void gradientAnalog(int i0, int i1) {
      float[] xT = dense();
      for (int i = i0; i < i1; i++) {
        for (int r = 0; r < rows; r++) {
          xT[i * rows + r] = analog[r * in + i];
        }
      }
      Arrays.fill(dst, i0 * out, i1 * out, 0f);
      kernels.gemm(xT, src, dst, i0, i1, rows, out);
    }

    /**
     * Rows {@code [r0, r1)} of {@code src [packRows][out]} into {@link #packedSrc}, block after block: block {@code
     * c0} (width {@code w = min(packBlock, out - c0)}) starts at {@code c0·(packRows + packPrefix)} and holds
     * {@code [packRows][w]}, followed by {@code packPrefix} rows for the prefix sums.
     */
    private void pack(int r0, int r1) {
      int total = packRows + packPrefix;
      for (int i = r0; i < r1; i++) {
        for (int c0 = 0; c0 < out; c0 += packBlock) {
          int w = Math.min(packBlock, out - c0);
          System.arraycopy(src, i * out + c0, packedSrc, PACK_PAD + c0 * total + i * w, w);
        }
      }
    }

    /**
     * The weight gradient's source for samples {@code [b0, b1)} in one pass: each live sample's rows of {@code src}
     * packed as by {@link #pack}, and its prefix rows {@code P[0] = gu[0]}, {@code P[t] = P[t-1] + gu[t]}, per block.
     * Rows of samples with no live row are left as they are: no term reads them.
     */
    private void packGradient(int b0, int b1) {
      float[] p = packedSrc;
      int total = packRows + packPrefix;
      for (int b = b0; b < b1; b++) {
        if (!liveSample[b]) {
          continue;
        }
        for (int c0 = 0; c0 < out; c0 += packBlock) {
          int w = Math.min(packBlock, out - c0);
          int base = PACK_PAD + c0 * total;
          int pre = base + packRows * w;
          for (int t = 0; t < timesteps; t++) {
            int r = t * batch + b;
            int row = r * w;
            System.arraycopy(src, r * out + c0, p, base + row, w);
            if (t == 0) {
              System.arraycopy(src, r * out + c0, p, pre + row, w);
            } else {
              System.arraycopy(p, pre + row - batch * w, p, pre + row, w);
              kernels.add(p, base + row, p, pre + row, w);
            }
          }
        }
      }
    }

    /** Liveness of source rows {@code [r0, r1)}: whether each holds a value other than (signed) zero. */
    private void liveness(int r0, int r1) {
      for (int r = r0; r < r1; r++) {
        boolean scan = lossLive == null || lossLive[r % batch];
        live[r] = scan && kernels.anyNonZero(src, r * out, out) ? -1L : 0L; // NaN counts as live
      }
    }

    /** Fills the frame; {@code null} for what the product does not use. */
    private void frame(Kernels kernels, long[] x, float[] analog, float[] src, float[] bias, float[] dst, int out) {
      this.kernels = kernels;
      this.x = x;
      this.analog = analog;
      this.src = src;
      this.bias = bias;
      this.dst = dst;
      this.out = out;
    }

    /** Forgets the caller's arrays, so the workspace does not keep them alive. */
    private void clearFrame() {
      frame(null, null, null, null, null, null, 0);
      packedSrc = null;
    }

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

    /**
     * Adds the arrays a workspace of a layer {@code in → out} allocates for {@code timesteps × batch} rows: those of
     * the constructor and {@link #ensure}, the packed weights of the forward sums and the packed rows and prefix sums
     * of the weight gradient ({@link #packedBuffer}), a narrow layer's padded rows ({@link #padNarrow}), the base rows,
     * and the 0/1 floats of the dense path ({@link #dense}) when it may be taken.
     *
     * @param analog whether the layer takes analog input (its weight gradient goes through {@link #dense})
     * @param training whether the weight gradient is computed too
     */
    static void footprint(
        Footprint f, String layer, int in, int out, int timesteps, int batch, boolean analog, boolean training) {
      long words = SpikeBits.words(in);
      long rows = Footprint.times(timesteps, batch);
      String lists = layer + "'s term lists";
      f.ints(lists, in, false).ints(lists, in, false).longs(lists, 15 * words, false);
      f.bytes(lists, batch, true).ints(lists, 3L * batch, true).longs(lists, 10L * batch, true);
      f.ints(layer + "'s base rows' terms (--batch × inputs)", Footprint.times(batch, in), true);
      f.longs(lists, Footprint.times(batch, words), true).bytes(lists, 2L * batch, true).ints(lists, batch, true);
      f.ints(layer + "'s step groups (--batch × inputs)", Footprint.times(batch, in), true);
      f.ints(lists, Footprint.times(batch, MAX_GROUPS), true);
      f.longs(lists, rows, true).bytes(lists, rows, true).ints(lists, Footprint.times(rows, 6), true);
      String cells = layer + "'s term lists (T × --batch × inputs)";
      f.ints(cells, Footprint.times(rows, in), true).ints(cells, Footprint.times(rows, in), true);
      f.ints(lists, Footprint.times(rows, MAX_GROUPS), true);
      if (analog ? training : DENSE_ABOVE < 1) {
        f.floats(layer + "'s dense input (T × --batch × inputs)", Footprint.times(rows, in), true);
      }
      if (out < FORMS_MIN_OUT) {
        f.floats(layer + "'s padded weights", Footprint.times(in, (out + 15) & -16), false);
        return;
      }
      f.floats(layer + "'s base rows", Footprint.times(batch, out), true);
      long weights = Footprint.times(in, out);
      long gradientRows = training ? Footprint.times(2, rows, out) : 0;
      f.floats(gradientRows > weights ? layer + "'s packed gradient rows (2 × T × --batch × outputs)"
          : layer + "'s packed weights", Footprint.plus(Math.max(weights, gradientRows), PACK_PAD), gradientRows > weights);
    }

    /** Bytes of list scratch per row. */
    long scratchBytesPerRow() {
      return (long) in * 8 + 13;
    }
  }

  /**
   * Forward product for the rows of {@code ws}: {@code u[r·out ..] = bias + Σ_{i: x[r][i] = 1} w[i·out ..]}, with
   * {@code x} as bits, {@code [rows][words(in)]}.
   */
  public static void forward(
      Kernels kernels, long[] x, float[] w, float[] bias, int out, float[] u, Workspace ws, WorkerPool pool,
      Path path) {
    int in = ws.in;
    int words = ws.words;
    int rows = ws.rows;
    int[] count = ws.rowSpikes;
    ws.frame(kernels, x, null, w, bias, u, out);
    try {
      // the spike count decides the path only for AUTO with a threshold below 1 (see DENSE_ABOVE); otherwise the
      // lists count each row's spikes on the pool
      boolean decide = path == Path.DENSE || (path == Path.AUTO && DENSE_ABOVE < 1);
      if (decide) {
        for (int r = 0; r < rows; r++) {
          count[r] = (int) SpikeBits.count(x, r * words, (r + 1) * words);
        }
        ws.spikes = sum(count, rows);
        if (useDense(path, ws.spikes, (long) rows * in)) {
          pool.forRange(rows, 8, ws.forwardDense);
          return;
        }
      }
      ws.countRows = !decide;
      if (out < FORMS_MIN_OUT) {
        // a narrow layer takes plain spikes: each row lists and sums its own, in one pass (its weights, a few
        // columns wide, are their own single block, and the rows of the lists are still in L1 when summed)
        java.util.Arrays.fill(ws.hasBase, 0, ws.batch, false);
        java.util.Arrays.fill(ws.grouped, 0, ws.batch, false);
        ws.padNarrow(w, true);
        pool.forRange(rows, 16, ws.forwardNarrow);
        ws.spikes = sum(count, rows);
        ws.terms = ws.spikes;
        return;
      }
      // one chunk per group of samples that EventSum processes together: a sample's base row may start from an
      // earlier sample's of the same group, whose majority inputs are then already known
      pool.forChunks(ws.batch, EventSum.SAMPLES_PER_UNIT, ws.forwardLists);
      if (!decide) {
        ws.spikes = sum(count, rows);
      }
      long terms = 0;
      for (int r = 0; r < rows; r++) {
        terms += ws.fEnd[r] - r * in;
      }
      for (int b = 0; b < ws.batch; b++) {
        terms += ws.hasBase[b] ? ws.baseEnd[b] - b * in : 0;
        terms += ws.grouped[b] ? ws.groupTerms[b] : 0;
      }
      ws.terms = terms;
      if (ws.baseRows.length < ws.batch * out) {
        ws.baseRows = new float[ws.batch * out];
      }
      pack(w, in, 0, ws, pool);
      pool.forChunks(EventSum.units(out, ws.packBlock, ws.batch, EventSum.SAMPLES_PER_UNIT), 1, ws.forwardEvent);
    } finally {
      ws.clearFrame();
    }
  }

  /**
   * The forward terms of samples {@code [b0, b1)}. Each row takes the shortest of three exact forms: its spikes
   * (from the bias), its changes since the sample's previous step (from that row), or its differences from the
   * sample's base row, the inputs that fired at more than half of the steps (from the base row, which itself costs
   * one term per base input, so a sample gets one only when that pays). Ties prefer the bias, then the previous row.
   */
  private static void forwardLists(long[] x, Workspace ws, int b0, int b1) {
    int in = ws.in;
    int words = ws.words;
    int batch = ws.batch;
    int steps = ws.timesteps;
    int[] idx = ws.fIdx;
    long[] c = ws.sampleCounters;
    for (int b = b0; b < b1; b++) {
      if (ws.countRows) {
        for (int t = 0; t < steps; t++) {
          int r = t * batch + b;
          ws.rowSpikes[r] = (int) SpikeBits.count(x, r * words, (r + 1) * words);
        }
      }
      boolean forms = ws.out >= FORMS_MIN_OUT;
      // the step-group form first: when it reads at most half as many weight rows as the sample has spikes (rate-coded
      // images: about a quarter), it is taken without weighing the row forms, whose analysis costs about as much
      long groupCost = Long.MAX_VALUE;
      if (forms && ws.stepGroups && steps >= 2) {
        groupCost = groupLists(x, ws, b);
        long spikes = 0;
        for (int t = 0; t < steps; t++) {
          spikes += ws.rowSpikes[t * batch + b];
        }
        if (2 * groupCost <= 10 * spikes) {
          takeGroups(ws, b);
          continue;
        }
      }
      // majority inputs of the sample, 64 at a time: count the steps each fired (5-bit bit-sliced counters) and
      // compare with floor(T/2)
      boolean baseAllowed = forms && steps >= 3 && steps <= MAX_SLICED_STEPS;
      int at = b * 10;
      int baseCount = 0;
      int costWithout = 0;
      int costWith = 0;
      if (baseAllowed) {
        for (int q = 0; q < words; q++) {
          java.util.Arrays.fill(c, at, at + 10, 0L);
          for (int t = 0; t < steps; t++) {
            increment(c, at, x[(t * batch + b) * words + q]);
          }
          for (int j = 0; j < 5; j++) {
            c[at + 5 + j] = ((steps / 2) >>> j & 1) != 0 ? -1L : 0L;
          }
          long majority = less(c, at + 5, at);
          baseCount += Long.bitCount(majority);
          ws.majority[b * words + q] = majority;
        }
      }
      int m = b * words;
      for (int t = 0; t < steps; t++) {
        int r = t * batch + b;
        int cur = r * words;
        int changed = forms && t > 0 ? differences(x, cur, x, cur - batch * words, words) : Integer.MAX_VALUE;
        int fromBase = baseAllowed ? differences(x, cur, ws.majority, m, words) : Integer.MAX_VALUE;
        ws.rowChanged[r] = changed;
        ws.rowFromBase[r] = fromBase;
        int best = Math.min(ws.rowSpikes[r], changed);
        costWithout += best;
        costWith += Math.min(best, fromBase);
      }
      // the base row costs its inputs from the bias, or its differences from an earlier base row of the group
      int ref = -1;
      int baseCost = baseCount;
      if (baseAllowed) {
        for (int e = b - b % EventSum.SAMPLES_PER_UNIT; e < b; e++) {
          if (ws.hasBase[e]) {
            int d = differences(ws.majority, m, ws.majority, e * words, words);
            if (d < baseCost) {
              baseCost = d;
              ref = e;
            }
          }
        }
      }
      boolean useBase = baseAllowed && baseCost + costWith < costWithout;
      int rowCost = useBase ? baseCost + costWith : costWithout;
      // else the step-group form when it costs less than the row forms (in tenths of a term)
      if (groupCost < 10L * rowCost) {
        takeGroups(ws, b);
        continue;
      }
      ws.grouped[b] = false;
      ws.hasBase[b] = useBase;
      if (useBase) {
        ws.baseRef[b] = ref;
        if (ref < 0) {
          ws.baseEnd[b] = b * in + SpikeBits.indices(ws.majority, m, words, ws.baseIdx, b * in);
          ws.baseAdd[b] = ws.baseEnd[b];
        } else {
          int k = b * in;
          for (int q = 0; q < words; q++) {
            k = SpikeBits.emit(ws.majority[m + q] & ~ws.majority[ref * words + q], q << 6, ws.baseIdx, k);
          }
          ws.baseAdd[b] = k;
          for (int q = 0; q < words; q++) {
            k = SpikeBits.emit(ws.majority[ref * words + q] & ~ws.majority[m + q], q << 6, ws.baseIdx, k);
          }
          ws.baseEnd[b] = k;
        }
      }
      for (int t = 0; t < steps; t++) {
        int r = t * batch + b;
        int cur = r * words;
        int k = r * in;
        int direct = ws.rowSpikes[r];
        int changed = ws.rowChanged[r];
        if (useBase && ws.rowFromBase[r] < Math.min(direct, changed)) {
          k = emitDifferences(x, cur, ws.majority, m, words, ws, r, k);
          ws.fMode[r] = FROM_BASE;
        } else if (changed < direct) {
          k = emitDifferences(x, cur, x, cur - batch * words, words, ws, r, k);
          ws.fMode[r] = FROM_PREVIOUS;
        } else {
          k += SpikeBits.indices(x, cur, words, idx, k);
          ws.fAdd[r] = k;
          ws.fMode[r] = FROM_BIAS;
        }
        ws.fEnd[r] = k;
      }
    }
  }

  /**
   * Whether wide layers may take the step-group form ({@link #groupLists}); {@code -Dsnn.stepGroups=false} turns it
   * off (for comparisons).
   */
  static final boolean GROUPS = !"false".equals(System.getProperty("snn.stepGroups"));
  /** Most steps per chunk of the step-group form. */
  static final int GROUP_STEPS = Kernels.MAX_GROUP_STEPS;
  /** Group slots per chunk: 2^5, group 0 (inputs that did not fire) unused. */
  static final int MAX_GROUPS = 1 << GROUP_STEPS;
  /**
   * Cost of one non-empty group, in tenths of a weight-row term: the kernel forms the group's row and adds it to its
   * steps' sums in registers, a loop's start and a few adds.
   */
  static final int GROUP_COST = 5;

  /** Chunks of the step-group form over {@code steps} steps: as few as hold at most {@link #GROUP_STEPS} each. */
  static int groupChunks(int steps) {
    return (steps + GROUP_STEPS - 1) / GROUP_STEPS;
  }

  /** First step of chunk {@code q} of {@code chunks} (sizes differ by at most one). */
  static int chunkStart(int q, int chunks, int steps) {
    return q * steps / chunks;
  }

  /**
   * The step-group form of sample {@code b}, another exact form of its forward rows. The steps are cut into chunks
   * of at most five; within a chunk, each input that fired at all has a pattern, the set of the chunk's steps it
   * fired at, and inputs are grouped by pattern. A group's row {@code G[g] = Σ_{i: pattern(i) = g} W[i]} costs one
   * term per input, and each step of the chunk sums the rows of the groups that contain it:
   *
   * <pre>
   *   I[t] = b + Σ_{i: x[t][i]=1} W[i] = b + Σ_{g ∋ t} G[g]
   * </pre>
   *
   * An input that fires at several steps of a chunk is read once per chunk instead of once per spike or change, and
   * the group rows never leave registers ({@link Kernels#sumStepGroups}). On rate-coded Fashion-MNIST this reads
   * about 620 weight rows per sample, against about 1,000 terms of the row forms.
   *
   * <p>Lists the groups (each in ascending input order, groups in ascending pattern) and returns the form's cost in
   * tenths of a weight-row term (see {@link #GROUP_COST}).
   */
  private static long groupLists(long[] x, Workspace ws, int b) {
    int in = ws.in;
    int words = ws.words;
    int batch = ws.batch;
    int steps = ws.timesteps;
    int chunks = groupChunks(steps);
    int[] idx = ws.fIdx;
    int[] codes = ws.groupCodes;
    int[] cursor = ws.groupCursor;
    int[] start = ws.groupStart;
    int c0 = b * in;
    int g0 = b * MAX_GROUPS;
    int inputs = 0;
    int groups = 0;
    for (int q = 0; q < chunks; q++) {
      int t0 = chunkStart(q, chunks, steps);
      int k = chunkStart(q + 1, chunks, steps) - t0;
      int n = 1 << k;
      int r0 = t0 * batch + b;
      int at = r0 * MAX_GROUPS;
      // each input that fired in the chunk, in ascending order, with its pattern; group sizes counted at start[at + g]
      java.util.Arrays.fill(start, at, at + n, 0);
      int fired = c0;
      int stride = batch * words;
      for (int w = 0, row = r0 * words; w < words; w++, row++) {
        // the chunk's words, steps past k as zeros (k <= GROUP_STEPS = 5)
        long s0 = x[row];
        long s1 = k > 1 ? x[row + stride] : 0L;
        long s2 = k > 2 ? x[row + 2 * stride] : 0L;
        long s3 = k > 3 ? x[row + 3 * stride] : 0L;
        long s4 = k > 4 ? x[row + 4 * stride] : 0L;
        long any = s0 | s1 | s2 | s3 | s4;
        while (any != 0) {
          int bit = Long.numberOfTrailingZeros(any);
          any &= any - 1;
          int g = (int) (s0 >>> bit & 1) | (int) (s1 >>> bit & 1) << 1 | (int) (s2 >>> bit & 1) << 2
              | (int) (s3 >>> bit & 1) << 3 | (int) (s4 >>> bit & 1) << 4;
          codes[fired++] = (w << 6 | bit) << GROUP_STEPS | g;
          start[at + g]++;
        }
      }
      // group g's inputs go to [start[at + g - 1], start[at + g]), in the order found
      start[at] = r0 * in;
      for (int g = 1; g < n; g++) {
        groups += start[at + g] > 0 ? 1 : 0;
        cursor[g0 + g] = start[at + g - 1];
        start[at + g] += start[at + g - 1];
      }
      for (int f = c0; f < fired; f++) {
        int code = codes[f];
        idx[cursor[g0 + (code & MAX_GROUPS - 1)]++] = code >>> GROUP_STEPS;
      }
      inputs += fired - c0;
    }
    ws.groupTerms[b] = inputs;
    return 10L * inputs + (long) GROUP_COST * groups;
  }

  /** Marks sample {@code b} as taking its step-group form, listed by {@link #groupLists}. */
  private static void takeGroups(Workspace ws, int b) {
    ws.grouped[b] = true;
    ws.hasBase[b] = false;
    for (int t = 0; t < ws.timesteps; t++) {
      int r = t * ws.batch + b;
      ws.fMode[r] = FROM_GROUPS;
      ws.fAdd[r] = r * ws.in;
      ws.fEnd[r] = r * ws.in;
    }
  }

  private static long sum(int[] a, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i];
    }
    return s;
  }

  /** Number of inputs set in one of the rows {@code a[aAt ..]} and {@code b[bAt ..]} but not the other. */
  private static int differences(long[] a, int aAt, long[] b, int bAt, int words) {
    int n = 0;
    for (int q = 0; q < words; q++) {
      n += Long.bitCount(a[aAt + q] ^ b[bAt + q]);
    }
    return n;
  }

  /**
   * Row {@code r}'s terms relative to a reference row: {@code +} the inputs set in {@code a} only, then {@code -}
   * those set in the reference {@code b} only. Returns the end of the list.
   */
  private static int emitDifferences(long[] a, int aAt, long[] b, int bAt, int words, Workspace ws, int r, int k) {
    for (int q = 0; q < words; q++) {
      k = SpikeBits.emit(a[aAt + q] & ~b[bAt + q], q << 6, ws.fIdx, k);
    }
    ws.fAdd[r] = k;
    for (int q = 0; q < words; q++) {
      k = SpikeBits.emit(b[bAt + q] & ~a[aAt + q], q << 6, ws.fIdx, k);
    }
    return k;
  }

  /**
   * Weight gradient for the rows of the last {@link #forward} on this workspace: {@code dW[i·out ..] = Σ_{r:
   * x[r][i] = 1} gu[r·out ..]}; on the event-driven path, also the bias gradient {@code dB = Σ_r gu[r·out ..]} when
   * {@code dB} is not null (from the prefix sums it builds anyway: per sample over steps, then over samples).
   *
   * @return whether {@code dB} was written (the dense path and layers narrower than {@link #FORMS_MIN_OUT}, which
   *     build no prefix sums, leave it to the caller)
   */
  public static boolean weightGradient(
      Kernels kernels, long[] x, float[] gu, int out, float[] dW, float[] dB, Workspace ws, WorkerPool pool,
      Path path) {
    int in = ws.in;
    int rows = ws.rows;
    ws.frame(kernels, x, null, gu, null, dW, out);
    try {
      if (useDense(path, ws.spikes, (long) rows * in)) {
        pool.forRange(in, 4, ws.gradientDense);
        return false;
      }
      findLiveRows(ws, pool);
      if (out < FORMS_MIN_OUT) {
        // a narrow layer: each live row of gu added straight to the gradient rows of its spikes, 64 inputs a chunk
        ws.padNarrow(null, false);
        pool.forChunks(ws.words, 1, ws.gradientNarrow);
        return false;
      }
      pool.forChunks(in, 64, ws.gradientLists);
      pack(gu, rows, rows, ws, pool);
      if (dB != null) {
        biasFromPrefix(ws, dB);
      }
      pool.forChunks(EventSum.units(out, ws.packBlock, in, EventSum.INPUTS_PER_UNIT), 1, ws.gradientEvent);
      return dB != null;
    } finally {
      ws.clearFrame();
    }
  }

  /**
   * Marks the rows of the frame's source ({@code ws.src}, {@code [rows][out]}) that are all zeros: they add nothing
   * to the weight gradient, so the lists leave them out, exactly. With the rate loss every sample the network already
   * gets right (its output rates equal the targets) has a zero gradient at every step: 35-50% of a batch of the
   * README model.
   */
  private static void findLiveRows(Workspace ws, WorkerPool pool) {
    pool.forRange(ws.rows, 16, ws.liveness);
    int batch = ws.batch;
    java.util.Arrays.fill(ws.liveSample, 0, batch, false);
    int n = 0;
    for (int r = 0; r < ws.rows; r++) {
      if (ws.live[r] != 0) {
        ws.liveSample[r % batch] = true;
        n++;
      }
    }
    ws.liveRows = n;
  }

  /** Rows of the last event-driven weight gradient's source that held a non-zero value. */
  public static int liveRows(Workspace ws) {
    return ws.liveRows;
  }

  /** Longest run of steps the weight gradient's bit-sliced counters (5 bits) handle; longer runs use direct terms. */
  static final int MAX_SLICED_STEPS = 30;

  /**
   * Narrowest output for which the products look for shorter forms than plain spikes (base and previous rows,
   * prefix-sum runs, complements). A term of a narrow layer is one or two vector adds, cheaper than the analysis that
   * would save it: the README model's 10-class layer spent about 0.4 ms of a 6 ms training step building its lists
   * with forms.
   */
  static final int FORMS_MIN_OUT = 32;

  /**
   * Per (sample b, input i), the terms of {@code Σ_t x[t][i]·gu[t]} in the cheapest of three exact forms, with
   * {@code δ(t)} = source row {@code t·B + b} and {@code P(t)} = prefix row {@code rows + t·B + b}:
   *
   * <ul>
   *   <li>direct: {@code + δ(t)} for every step that spiked;
   *   <li>runs: {@code + P(e)} at the end {@code e} of every run of spikes, {@code - P(s-1)} before its start {@code
   *       s > 0};
   *   <li>complement: {@code + P(T-1)} (the whole sum), {@code - δ(t)} for every step that did not spike.
   * </ul>
   *
   * The three counts are computed for 64 inputs at once with bit-sliced counters; ties prefer direct, then runs.
   * Rows of {@code gu} that are all zeros ({@link #findLiveRows}) count as no spike and never as a miss, so no form
   * reads them (a sample with no live row is skipped). Inputs {@code [i0, i1)}, {@code i0} a multiple of 64; per input
   * the terms are in sample order, then step order.
   */
  private static void gradientLists(long[] x, Workspace ws, int i0, int i1) {
    int rows = ws.rows;
    int batch = ws.batch;
    int steps = ws.timesteps;
    int words = ws.words;
    int[] idx = ws.gIdx;
    int[] add = ws.gAdd;
    int[] sub = ws.gSub;
    for (int i = i0; i < i1; i++) {
      add[i] = i * rows;
      sub[i] = (i + 1) * rows;
    }
    boolean sliced = steps <= MAX_SLICED_STEPS && ws.out >= FORMS_MIN_OUT;
    long[] c = ws.counters;
    long[] live = ws.live;
    for (int b = 0; b < batch; b++) {
      if (!ws.liveSample[b]) {
        continue;
      }
      // all-zero rows are left out: masked out of the spikes, and not counted as misses of the complement form
      int liveSteps = 0;
      for (int t = 0; t < steps; t++) {
        liveSteps -= (int) live[t * batch + b];
      }
      for (int q = i0 >>> 6, qEnd = SpikeBits.words(i1); q < qEnd; q++) {
        long range = -1L << Math.max(i0 - (q << 6), 0);
        if (i1 - (q << 6) < 64) {
          range &= (1L << (i1 - (q << 6))) - 1;
        }
        int at = q * 15;
        long direct = range;
        long runs = 0;
        long complement = 0;
        if (sliced) {
          // counters: ones at [at, at+5), run terms at [at+5, at+10), 1 + zeros at [at+10, at+15). An end (x[t]
          // and not x[t+1]) and a start-before (x[t+1] and not x[t]) cannot coincide, so the run terms at t are the
          // bits of x[t] ^ x[t+1], with x[T] = 0.
          java.util.Arrays.fill(c, at, at + 10, 0L);
          long prev = 0;
          for (int t = 0; t < steps; t++) {
            long xt = x[(t * batch + b) * words + q] & live[t * batch + b];
            long next = t + 1 < steps ? x[((t + 1) * batch + b) * words + q] & live[(t + 1) * batch + b] : 0L;
            increment(c, at, xt);
            increment(c, at + 5, xt ^ next);
            prev |= xt;
          }
          // 1 + zeros = (L + 1) - ones = (L + 1) + ~ones + 1, bit-sliced, in 5 bits, L = live steps
          long carry = -1L;
          for (int j = 0; j < 5; j++) {
            long a = ~c[at + j];
            long k = ((liveSteps + 1) >>> j & 1) != 0 ? -1L : 0L;
            c[at + 10 + j] = a ^ k ^ carry;
            carry = (a & k) | (carry & (a ^ k));
          }
          long any = prev & range;
          runs = less(c, at + 5, at) & any;
          long best = runs;
          // m = min(direct, runs) per bit, then complement where 1 + zeros < m
          for (int j = 0; j < 5; j++) {
            c[at + j] = (c[at + 5 + j] & best) | (c[at + j] & ~best);
          }
          complement = less(c, at + 10, at) & any;
          runs &= ~complement;
          direct = range & ~runs & ~complement;
        }
        for (long m = complement; m != 0; m &= m - 1) {
          int i = (q << 6) + Long.numberOfTrailingZeros(m);
          idx[add[i]++] = rows + (steps - 1) * batch + b;
        }
        for (int t = 0; t < steps; t++) {
          int delta = t * batch + b;
          long xt = x[delta * words + q] & live[delta];
          long next = t + 1 < steps ? x[((t + 1) * batch + b) * words + q] & live[delta + batch] : 0L;
          for (long m = xt & direct; m != 0; m &= m - 1) {
            int i = (q << 6) + Long.numberOfTrailingZeros(m);
            idx[add[i]++] = delta;
          }
          for (long m = xt & ~next & runs; m != 0; m &= m - 1) {
            int i = (q << 6) + Long.numberOfTrailingZeros(m);
            idx[add[i]++] = rows + delta;
          }
          if (t + 1 < steps) {
            for (long m = next & ~xt & runs; m != 0; m &= m - 1) {
              int i = (q << 6) + Long.numberOfTrailingZeros(m);
              idx[--sub[i]] = rows + delta;
            }
          }
          for (long m = ~xt & complement & live[delta]; m != 0; m &= m - 1) {
            int i = (q << 6) + Long.numberOfTrailingZeros(m);
            idx[--sub[i]] = delta;
          }
        }
      }
    }
  }

  /** Adds the bits of {@code v} (one per input) to the 5-bit bit-sliced counters {@code c[at, at+5)}. */
  private static void increment(long[] c, int at, long v) {
    // branch-free: an early exit on a zero carry mispredicts more than the five levels cost
    long c0 = c[at];
    long c1 = c[at + 1];
    long c2 = c[at + 2];
    long c3 = c[at + 3];
    long k = c0 & v;
    c[at] = c0 ^ v;
    long k1 = c1 & k;
    c[at + 1] = c1 ^ k;
    long k2 = c2 & k1;
    c[at + 2] = c2 ^ k1;
    long k3 = c3 & k2;
    c[at + 3] = c3 ^ k2;
    c[at + 4] ^= k3;
  }

  /** Per bit, whether the 5-bit counter at {@code a} is less than the one at {@code b}. */
  private static long less(long[] c, int a, int b) {
    long lt = 0;
    long eq = -1L;
    for (int j = 4; j >= 0; j--) {
      long aj = c[a + j];
      long bj = c[b + j];
      lt |= eq & ~aj & bj;
      eq &= ~(aj ^ bj);
    }
    return lt;
  }

  /**
   * Packs {@code src [srcRows][ws.out]} for {@link EventSum} into the workspace; with prefix rows (the weight
   * gradient, {@code prefixRows = srcRows}), only the rows of live samples, each followed by its prefix sums.
   */
  private static void pack(float[] src, int srcRows, int prefixRows, Workspace ws, WorkerPool pool) {
    ws.packedSrc = ws.packedBuffer(Math.addExact(Math.multiplyExact(srcRows + prefixRows, ws.out), PACK_PAD));
    ws.src = src;
    ws.packRows = srcRows;
    ws.packBlock = prefixRows == 0 ? EventSum.forwardBlock(ws.out) : EventSum.block(ws.out);
    ws.packPrefix = prefixRows;
    boolean frozen = prefixRows == 0 && src == ws.frozenWeights;
    if (frozen && ws.packedWeights == src) {
      return; // frozen weights, already packed by an earlier forward pass on this workspace
    }
    ws.packedWeights = null;
    if (prefixRows > 0) {
      pool.forChunks(ws.batch, 4, ws.packGradient);
    } else {
      pool.forRange(srcRows, 16, ws.pack);
      ws.weightPacks++;
    }
    ws.packedWeights = frozen ? src : null;
  }

  /**
   * The bias gradient from the packed prefix rows: {@code dB[c] = Σ_b P_b[T-1][c]}, over the live samples in
   * ascending order (each sample's steps summed first, in step order).
   */
  private static void biasFromPrefix(Workspace ws, float[] dB) {
    int rows = ws.rows;
    int out = ws.out;
    float[] p = ws.packedSrc;
    int block = ws.packBlock;
    int lastStep = (ws.timesteps - 1) * ws.batch;
    for (int c0 = 0; c0 < out; c0 += block) {
      int w = Math.min(block, out - c0);
      int pre = PACK_PAD + c0 * 2 * rows + rows * w;
      java.util.Arrays.fill(dB, c0, c0 + w, 0f);
      for (int b = 0; b < ws.batch; b++) {
        if (ws.liveSample[b]) {
          ws.kernels.add(p, pre + (lastStep + b) * w, dB, c0, w);
        }
      }
    }
  }

  /** Forward product for analog input {@code x [rows][in]}: {@code u = b + x W} with the dense GEMM. */
  public static void forwardAnalog(
      Kernels kernels, float[] x, float[] w, float[] bias, int out, float[] u, Workspace ws, WorkerPool pool) {
    ws.frame(kernels, null, x, w, bias, u, out);
    try {
      pool.forRange(ws.rows, 4, ws.forwardAnalog);
    } finally {
      ws.clearFrame();
    }
  }

  /** Weight gradient for analog input: {@code dW = xᵀ gu}, the products summed over rows ascending. */
  public static void weightGradientAnalog(
      Kernels kernels, float[] x, float[] gu, int out, float[] dW, Workspace ws, WorkerPool pool) {
    ws.frame(kernels, null, x, gu, null, dW, out);
    try {
      pool.forRange(ws.in, 4, ws.gradientAnalog);
    } finally {
      ws.clearFrame();
    }
  }

  static boolean useDense(Path path, long spikes, long cells) {
    return switch (path) {
      case DENSE -> true;
      case EVENT -> false;
      case AUTO -> spikes > DENSE_ABOVE * cells;
    };
  }

  private static void toFloats(long[] x, int word, int n, float[] dst, int at) {
    for (int i = 0; i < n; i++) {
      dst[at + i] = (x[word + (i >>> 6)] & (1L << i)) != 0 ? 1f : 0f;
    }
  }
}
