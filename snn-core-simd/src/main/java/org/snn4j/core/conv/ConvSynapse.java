package org.snn4j.core.conv;

import java.util.Arrays;
import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Activation;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.layer.Synapse;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The synapse of a convolutional layer: weights {@code [ky][kx][c][o]}, biases and their gradients, and the passes
 * over all {@code T·B} rows of a batch (row {@code r = t·B + b}, one image each, pixel-major; see {@link
 * ConvGeometry}):
 *
 * <ul>
 *   <li>forward: currents {@code I[r] = W * x[r] + b} from spike bits or analog input ({@link ConvRows});
 *   <li>backward: {@code dW}, {@code db} and, when asked, {@code dx[r]} from {@code dL/dI}.
 * </ul>
 *
 * <p>Rows are independent, so the forward pass and the input gradient split rows between threads; the weight
 * gradient collects the batch's non-zero inputs by channel once, then splits input channels (each owns its slices
 * of {@code dW} and adds the rows in ascending order) and the bias gradient splits filters. An analog input image, or
 * an image's output gradient, with more non-zero values than {@link Tuning#convDenseAbove} takes the dense path
 * (im2col and the GEMM) instead of the event-driven lists; the choice is made per image from its values. Every
 * element is computed by one unit of work in a fixed order: the result is the same, bit for bit, for any number of
 * threads. The term lists live in the tape's {@link Scratch}, one set per task, so
 * frozen copies may run on many threads and a steady-state pass allocates nothing.
 */
public final class ConvSynapse implements Synapse {
  /**
   * Row groups of the dense weight gradient: each sums its rows in its own slice, then the slices are added in
   * order. Fixed, so the result does not depend on the number of threads; 8 keeps up to 8 threads busy.
   */
  static final int WEIGHT_GROUPS = 8;

  private final ConvGeometry geometry;
  private final ConvRows conv;
  private final Kernels kernels;
  private final float[] weight;
  private final float[] bias;
  private final float[] weightGrad;
  private final float[] biasGrad;

  /** A synapse with zero weights. */
  public ConvSynapse(ConvGeometry geometry, Kernels kernels) {
    this.geometry = geometry;
    this.conv = new ConvRows(geometry, kernels);
    this.kernels = kernels;
    this.weight = new float[geometry.weightSize()];
    this.bias = new float[geometry.outChannels()];
    this.weightGrad = new float[weight.length];
    this.biasGrad = new float[bias.length];
  }

  /** The geometry. */
  public ConvGeometry geometry() {
    return geometry;
  }

  @Override
  public Shape inputShape() {
    return Shape.image(geometry.channels(), geometry.height(), geometry.width());
  }

  @Override
  public Shape outputShape() {
    return Shape.image(geometry.outChannels(), geometry.outHeight(), geometry.outWidth());
  }

  /** The weights {@code [ky][kx][c][o]} (live). */
  @Override
  public float[] weight() {
    return weight;
  }

  @Override
  public float[] bias() {
    return bias;
  }

  /** dLoss/dW of the last backward pass, {@code [ky][kx][c][o]}. */
  public float[] weightGradient() {
    return weightGrad;
  }

  /** dLoss/db of the last backward pass. */
  public float[] biasGradient() {
    return biasGrad;
  }

  @Override
  public List<Parameter> parameters(String prefix) {
    return List.of(new Parameter(prefix + "weight", weight, weightGrad), new Parameter(prefix + "bias", bias, biasGrad));
  }

  @Override
  public ConvSynapse copy() {
    ConvSynapse c = new ConvSynapse(geometry, kernels);
    System.arraycopy(weight, 0, c.weight, 0, weight.length);
    System.arraycopy(bias, 0, c.bias, 0, bias.length);
    return c;
  }

  @Override
  public Scratch newScratch(Tuning tuning) {
    return new Scratch(tuning);
  }

  @Override
  public void forward(Activation input, float[] current, Synapse.Scratch scratch, WorkerPool pool) {
    Scratch s = (Scratch) scratch;
    s.forwardJob.run(input.bits(), input.analog(), s.rows, current, pool);
  }

  @Override
  public void backward(Activation input, float[] gradCurrent, boolean[] liveSamples, float[] gradInput,
      Synapse.Scratch scratch, WorkerPool pool) {
    Scratch s = (Scratch) scratch;
    s.backwardJob.run(input.bits(), input.analog(), gradCurrent, s.rows, s.batch, liveSamples, gradInput, pool);
  }

  /**
   * The passes' per-tape state: term lists per task (grown when a pool with more threads comes), the transposed
   * weights of the input gradient, and the jobs.
   */
  public final class Scratch implements Synapse.Scratch {
    private final double denseAbove;
    private int rows;
    private int batch;
    private ConvRows.Lists[] lists = new ConvRows.Lists[0];
    private ConvRows.WeightLists[] weightLists = new ConvRows.WeightLists[0];
    private ConvRows.Columns[] columns = new ConvRows.Columns[0];
    private float[][] groupSums = new float[0][];
    private final ConvRows.InputEvents events = new ConvRows.InputEvents(geometry);
    private float[] weightTransposed;
    private final ForwardJob forwardJob = new ForwardJob(this);
    private final BackwardJob backwardJob = new BackwardJob(this);

    Scratch(Tuning tuning) {
      this.denseAbove = tuning.convDenseAbove();
    }

    /** Whether an image with {@code nonZeros} of {@code n} values not zero takes the dense path. */
    boolean dense(int nonZeros, int n) {
      return nonZeros > denseAbove * n;
    }

    float[][] groupSums(int groups) {
      if (groupSums.length < groups) {
        float[][] more = Arrays.copyOf(groupSums, groups);
        for (int g = groupSums.length; g < groups; g++) {
          more[g] = new float[weight.length];
        }
        groupSums = more;
      }
      return groupSums;
    }

    ConvRows.Columns[] columns(int tasks) {
      if (columns.length < tasks) {
        ConvRows.Columns[] more = Arrays.copyOf(columns, tasks);
        for (int t = columns.length; t < tasks; t++) {
          more[t] = new ConvRows.Columns(geometry);
        }
        columns = more;
      }
      return columns;
    }

    @Override
    public void ensure(int timesteps, int batch) {
      this.rows = Math.multiplyExact(timesteps, batch);
      this.batch = batch;
    }

    /** The lists of {@link ConvRows}' row passes and of the weight gradient, per task: a few per image. */
    @Override
    public long scratchBytesPerRow() {
      long perTask = 8L * (lists.length == 0 ? 0 : lists[0].idx.length);
      return rows == 0 ? 0 : perTask * lists.length / rows;
    }

    ConvRows.Lists[] lists(int tasks) {
      if (lists.length < tasks) {
        ConvRows.Lists[] more = Arrays.copyOf(lists, tasks);
        for (int t = lists.length; t < tasks; t++) {
          more[t] = new ConvRows.Lists(geometry);
        }
        lists = more;
      }
      return lists;
    }

    ConvRows.WeightLists[] weightLists(int tasks) {
      if (weightLists.length < tasks) {
        ConvRows.WeightLists[] more = Arrays.copyOf(weightLists, tasks);
        for (int t = weightLists.length; t < tasks; t++) {
          more[t] = new ConvRows.WeightLists(geometry);
        }
        weightLists = more;
      }
      return weightLists;
    }

    float[] weightTransposed() {
      if (weightTransposed == null) {
        weightTransposed = new float[weight.length];
      }
      conv.transpose(weight, weightTransposed);
      return weightTransposed;
    }
  }

  /** The forward pass's arguments and body: task {@code t} of {@code tasks} takes one contiguous run of rows. */
  private final class ForwardJob implements WorkerPool.RangeBody {
    private final Scratch scratch;
    private long[] spikes;
    private float[] input;
    private int rows;
    private float[] current;
    private int tasks;
    private ConvRows.Lists[] lists;

    ForwardJob(Scratch scratch) {
      this.scratch = scratch;
    }

    void run(long[] spikes, float[] input, int rows, float[] current, WorkerPool pool) {
      this.spikes = spikes;
      this.input = input;
      this.rows = rows;
      this.current = current;
      this.tasks = Math.max(1, Math.min(pool.threads(), rows));
      this.lists = scratch.lists(tasks);
      try {
        pool.forRange(tasks, 1, this);
      } finally {
        this.spikes = null;
        this.input = null;
        this.current = null;
      }
    }

    @Override
    public void run(int t0, int t1) {
      int in = geometry.inputSize();
      int out = geometry.outputSize();
      int words = SpikeBits.words(in);
      for (int t = t0; t < t1; t++) {
        for (int r = (int) ((long) rows * t / tasks), end = (int) ((long) rows * (t + 1) / tasks); r < end; r++) {
          if (spikes != null) {
            conv.forwardSpikes(spikes, r * words, weight, bias, current, r * out, lists[t]);
          } else if (scratch.dense(kernels.countNonZeros(input, r * in, in), in)) {
            conv.forwardDense(input, r * in, weight, bias, current, r * out);
          } else {
            conv.forwardAnalog(input, r * in, weight, bias, current, r * out, lists[t]);
          }
        }
      }
    }
  }

  /** The backward pass's arguments and its three bodies: weights by taps, biases by filters, input by rows. */
  private final class BackwardJob {
    private final Scratch scratch;
    private final WorkerPool.RangeBody weightBody = this::weightGradient;
    private final WorkerPool.RangeBody denseWeightBody = this::denseWeightGradient;
    private final WorkerPool.RangeBody groupSumBody = this::sumWeightGroups;
    private final WorkerPool.RangeBody biasBody = this::biasGradient;
    private final WorkerPool.RangeBody inputBody = this::inputGradient;
    private long[] spikes;
    private float[] input;
    private float[] gradCurrent;
    private int rows;
    private int batch;
    private boolean[] live;
    private float[] gradInput;
    private float[] weightTransposed;
    private int weightTasks;
    private ConvRows.WeightLists[] weightLists;
    private ConvRows.InputEvents events;
    private int groups;
    private float[][] groupSums;
    private boolean splitTaps;
    private int tasks;
    private ConvRows.Lists[] lists;
    private ConvRows.Columns[] columns;

    BackwardJob(Scratch scratch) {
      this.scratch = scratch;
    }

    void run(long[] spikes, float[] input, float[] gradCurrent, int rows, int batch, boolean[] live, float[] gradInput,
        WorkerPool pool) {
      this.spikes = spikes;
      this.input = input;
      this.gradCurrent = gradCurrent;
      this.rows = rows;
      this.batch = batch;
      this.live = live;
      this.gradInput = gradInput;
      try {
        events = scratch.events;
        if (spikes == null && scratch.dense(kernels.countNonZeros(input, 0, rows * geometry.inputSize()),
            rows * geometry.inputSize())) {
          // the dense weight gradient: a fixed number of row groups, each summed in its own slice, then the groups
          // in order, so the bits do not depend on the thread count
          groups = Math.min(WEIGHT_GROUPS, rows);
          groupSums = scratch.groupSums(groups);
          weightTasks = Math.min(pool.threads(), groups);
          columns = scratch.columns(weightTasks);
          pool.forRange(weightTasks, 1, denseWeightBody);
          pool.forRange(weightGrad.length, 1024, groupSumBody);
          conv.untransposeWeights(groupSums[0], weightGrad);
        } else {
          if (spikes != null) {
            conv.collectSpikes(spikes, SpikeBits.words(geometry.inputSize()), rows, live, batch, events);
          } else {
            conv.collectAnalog(input, rows, live, batch, events);
          }
          // by input channels; a layer with fewer channels than threads (an image's first layer) splits its taps
          int taps = geometry.kernel() * geometry.kernel();
          splitTaps = geometry.channels() < pool.threads();
          weightTasks = Math.min(pool.threads(), splitTaps ? taps : geometry.channels());
          weightLists = scratch.weightLists(weightTasks);
          pool.forRange(weightTasks, 1, weightBody);
        }
        pool.forRange(geometry.outChannels(), 16, biasBody);
        if (gradInput != null) {
          weightTransposed = scratch.weightTransposed();
          tasks = Math.max(1, Math.min(pool.threads(), rows));
          lists = scratch.lists(tasks);
          pool.forRange(tasks, 1, inputBody);
        }
      } finally {
        this.spikes = null;
        this.input = null;
        this.gradCurrent = null;
        this.live = null;
        this.gradInput = null;
      }
    }

    /**
     * Task {@code t} of {@code weightTasks} takes one contiguous run of input channels, every tap; or, with {@code
     * splitTaps}, one run of taps, every channel.
     */
    private void weightGradient(int t0, int t1) {
      int channels = geometry.channels();
      int taps = geometry.kernel() * geometry.kernel();
      for (int t = t0; t < t1; t++) {
        if (splitTaps) {
          conv.weightGradient(events, 0, channels, taps * t / weightTasks, taps * (t + 1) / weightTasks, rows,
              gradCurrent, weightGrad, weightLists[t]);
        } else {
          conv.weightGradient(events, channels * t / weightTasks, channels * (t + 1) / weightTasks, rows,
              gradCurrent, weightGrad, weightLists[t]);
        }
      }
    }

    /**
     * Task {@code t} of {@code weightTasks} takes a contiguous run of the row groups; group {@code g} sums rows
     * {@code [rows·g/groups, rows·(g+1)/groups)} ascending into its own sum ({@code [o][ky][kx][c]}), leaving out
     * the rows of samples whose loss gradient is zero.
     */
    private void denseWeightGradient(int t0, int t1) {
      int in = geometry.inputSize();
      int out = geometry.outputSize();
      for (int t = t0; t < t1; t++) {
        for (int g = groups * t / weightTasks, gEnd = groups * (t + 1) / weightTasks; g < gEnd; g++) {
          float[] acc = groupSums[g];
          Arrays.fill(acc, 0f);
          for (int r = (int) ((long) rows * g / groups), end = (int) ((long) rows * (g + 1) / groups); r < end; r++) {
            if (live == null || live[r % batch]) {
              conv.weightGradientDense(input, r * in, gradCurrent, r * out, acc, columns[t]);
            }
          }
        }
      }
    }

    /** Group 0 {@code += group 1 + group 2 + ...}, in group order (in the transposed layout). */
    private void sumWeightGroups(int i0, int i1) {
      for (int g = 1; g < groups; g++) {
        kernels.add(groupSums[g], i0, groupSums[0], i0, i1 - i0);
      }
    }

    private void biasGradient(int o0, int o1) {
      Arrays.fill(biasGrad, o0, o1, 0f);
      conv.addBiasGradient(gradCurrent, 0, rows, o0, o1, biasGrad, live, batch);
    }

    /**
     * dL/dx by rows; the rows of samples whose loss gradient is zero are zeros. A row whose gradient has more non-zero
     * values than the tuning's {@code convDenseAbove} fraction takes the dense path.
     */
    private void inputGradient(int t0, int t1) {
      int in = geometry.inputSize();
      int out = geometry.outputSize();
      for (int t = t0; t < t1; t++) {
        for (int r = (int) ((long) rows * t / tasks), end = (int) ((long) rows * (t + 1) / tasks); r < end; r++) {
          if (live != null && !live[r % batch]) {
            Arrays.fill(gradInput, r * in, (r + 1) * in, 0f);
          } else if (scratch.dense(kernels.countNonZeros(gradCurrent, r * out, out), out)) {
            conv.inputGradientDense(gradCurrent, r * out, weightTransposed, gradInput, r * in);
          } else {
            conv.inputGradient(gradCurrent, r * out, weightTransposed, gradInput, r * in, lists[t]);
          }
        }
      }
    }
  }
}
