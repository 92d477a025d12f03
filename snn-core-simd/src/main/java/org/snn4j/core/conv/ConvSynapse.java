package org.snn4j.core.conv;

import java.util.Arrays;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The synapse of a convolutional layer: its weights {@code [ky][kx][c][o]}, biases and their gradients, and the
 * passes over all {@code T·B} rows of a batch (row {@code r = t·B + b}, one image each, pixel-major), run on a
 * {@link WorkerPool}:
 *
 * <ul>
 *   <li>forward: currents {@code I[r] = W * x[r] + b} from spike bits or analog input ({@link ConvRows});
 *   <li>backward: {@code dW}, {@code db} and, when asked, {@code dx[r]} from {@code dL/dI}.
 * </ul>
 *
 * <p>Rows are independent, so the forward pass and the input gradient split rows between threads; the weight
 * gradient splits taps (each owns its slice of {@code dW} and adds the rows in ascending order) and the bias
 * gradient splits filters. Every element is computed by one unit of work in a fixed order: the result is the same,
 * bit for bit, for any number of threads. Term lists live in one {@link ConvRows.Lists} per task, made when a pool
 * with more threads first comes, so a steady-state pass allocates nothing. Not thread-safe.
 */
public final class ConvSynapse {
  private final ConvGeometry geometry;
  private final ConvRows conv;
  private final float[] weight;
  private final float[] bias;
  private final float[] weightGrad;
  private final float[] biasGrad;
  private final float[] weightTransposed;
  private ConvRows.Lists[] lists = new ConvRows.Lists[0];
  private ConvRows.WeightLists[] weightLists = new ConvRows.WeightLists[0];
  private final ForwardJob forwardJob = new ForwardJob();
  private final BackwardJob backwardJob = new BackwardJob();

  /** A synapse with zero weights. */
  public ConvSynapse(ConvGeometry geometry, Kernels kernels) {
    this.geometry = geometry;
    this.conv = new ConvRows(geometry, kernels);
    this.weight = new float[geometry.weightSize()];
    this.bias = new float[geometry.outChannels()];
    this.weightGrad = new float[weight.length];
    this.biasGrad = new float[bias.length];
    this.weightTransposed = new float[weight.length];
  }

  /** The geometry. */
  public ConvGeometry geometry() {
    return geometry;
  }

  /** The weights {@code [ky][kx][c][o]} (live). */
  public float[] weight() {
    return weight;
  }

  /** The biases {@code [o]} (live). */
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

  /**
   * Currents of {@code rows} rows of spikes: {@code current[r·outputSize + ...]} from the bits of row {@code r} at
   * word {@code r·rowWords} of {@code spikes}.
   */
  public void forward(long[] spikes, int rowWords, int rows, float[] current, WorkerPool pool) {
    forwardJob.run(this, spikes, rowWords, null, rows, current, pool);
  }

  /** Currents of {@code rows} rows of analog input {@code [rows][inputSize]}. */
  public void forward(float[] input, int rows, float[] current, WorkerPool pool) {
    forwardJob.run(this, null, 0, input, rows, current, pool);
  }

  /**
   * The gradients of {@code rows} rows: {@link #weightGradient()} and {@link #biasGradient()} (overwritten), and,
   * when {@code gradInput} is not null, dL/dx {@code [rows][inputSize]}; the input is the forward pass's, as spike
   * bits ({@code spikes}, {@code rowWords}) or, when {@code spikes} is null, analog {@code input}.
   *
   * @param gradCurrent dL/dI, {@code [rows][outputSize]}
   */
  public void backward(long[] spikes, int rowWords, float[] input, float[] gradCurrent, int rows, float[] gradInput,
      WorkerPool pool) {
    backwardJob.run(this, spikes, rowWords, input, gradCurrent, rows, gradInput, pool);
  }

  private ConvRows.Lists[] lists(int tasks) {
    if (lists.length < tasks) {
      ConvRows.Lists[] more = Arrays.copyOf(lists, tasks);
      for (int t = lists.length; t < tasks; t++) {
        more[t] = new ConvRows.Lists(geometry);
      }
      lists = more;
    }
    return lists;
  }

  private ConvRows.WeightLists[] weightLists(int tasks) {
    if (weightLists.length < tasks) {
      ConvRows.WeightLists[] more = Arrays.copyOf(weightLists, tasks);
      for (int t = weightLists.length; t < tasks; t++) {
        more[t] = new ConvRows.WeightLists(geometry);
      }
      weightLists = more;
    }
    return weightLists;
  }

  /** The forward pass's arguments, and its body: task {@code t} of {@code tasks} takes one contiguous run of rows. */
  private static final class ForwardJob {
    private final WorkerPool.RangeBody body = this::runTasks;
    private ConvSynapse synapse;
    private long[] spikes;
    private int rowWords;
    private float[] input;
    private int rows;
    private float[] current;
    private int tasks;
    private ConvRows.Lists[] lists;

    void run(ConvSynapse s, long[] spikes, int rowWords, float[] input, int rows, float[] current, WorkerPool pool) {
      this.synapse = s;
      this.spikes = spikes;
      this.rowWords = rowWords;
      this.input = input;
      this.rows = rows;
      this.current = current;
      this.tasks = Math.min(pool.threads(), rows);
      this.lists = s.lists(tasks);
      try {
        pool.forRange(tasks, 1, body);
      } finally {
        this.spikes = null;
        this.input = null;
        this.current = null;
      }
    }

    private void runTasks(int t0, int t1) {
      ConvRows conv = synapse.conv;
      int in = synapse.geometry.inputSize();
      int out = synapse.geometry.outputSize();
      for (int t = t0; t < t1; t++) {
        for (int r = (int) ((long) rows * t / tasks), end = (int) ((long) rows * (t + 1) / tasks); r < end; r++) {
          if (spikes != null) {
            conv.forwardSpikes(spikes, r * rowWords, synapse.weight, synapse.bias, current, r * out, lists[t]);
          } else {
            conv.forwardAnalog(input, r * in, synapse.weight, synapse.bias, current, r * out, lists[t]);
          }
        }
      }
    }
  }

  /** The backward pass's arguments and its three bodies: input gradient by rows, weights by taps, biases. */
  private static final class BackwardJob {
    private final WorkerPool.RangeBody inputBody = this::inputGradient;
    private final WorkerPool.RangeBody weightBody = this::weightGradient;
    private final WorkerPool.RangeBody biasBody = this::biasGradient;
    private ConvSynapse synapse;
    private long[] spikes;
    private int rowWords;
    private float[] input;
    private float[] gradCurrent;
    private int rows;
    private float[] gradInput;
    private int tasks;
    private ConvRows.Lists[] lists;
    private int weightTasks;
    private ConvRows.WeightLists[] weightLists;

    void run(ConvSynapse s, long[] spikes, int rowWords, float[] input, float[] gradCurrent, int rows,
        float[] gradInput, WorkerPool pool) {
      this.synapse = s;
      this.spikes = spikes;
      this.rowWords = rowWords;
      this.input = input;
      this.gradCurrent = gradCurrent;
      this.rows = rows;
      this.gradInput = gradInput;
      try {
        this.weightTasks = Math.min(pool.threads(), s.geometry.kernel() * s.geometry.kernel());
        this.weightLists = s.weightLists(weightTasks);
        pool.forRange(weightTasks, 1, weightBody);
        pool.forRange(s.geometry.outChannels(), 16, biasBody);
        if (gradInput != null) {
          s.conv.transpose(s.weight, s.weightTransposed);
          this.tasks = Math.min(pool.threads(), rows);
          this.lists = s.lists(tasks);
          pool.forRange(tasks, 1, inputBody);
        }
      } finally {
        this.spikes = null;
        this.input = null;
        this.gradCurrent = null;
        this.gradInput = null;
      }
    }

    /** Task {@code t} of {@code weightTasks} takes one contiguous run of taps. */
    private void weightGradient(int t0, int t1) {
      ConvGeometry g = synapse.geometry;
      int taps = g.kernel() * g.kernel();
      for (int t = t0; t < t1; t++) {
        for (int tap = taps * t / weightTasks, end = taps * (t + 1) / weightTasks; tap < end; tap++) {
          int ky = tap / g.kernel();
          int kx = tap % g.kernel();
          if (spikes != null) {
            synapse.conv.weightGradientSpikes(spikes, rowWords, rows, gradCurrent, ky, kx, synapse.weightGrad,
                weightLists[t]);
          } else {
            synapse.conv.weightGradientAnalog(input, rows, gradCurrent, ky, kx, synapse.weightGrad, weightLists[t]);
          }
        }
      }
    }

    private void biasGradient(int o0, int o1) {
      Arrays.fill(synapse.biasGrad, o0, o1, 0f);
      synapse.conv.addBiasGradient(gradCurrent, 0, rows, o0, o1, synapse.biasGrad);
    }

    private void inputGradient(int t0, int t1) {
      int in = synapse.geometry.inputSize();
      int out = synapse.geometry.outputSize();
      for (int t = t0; t < t1; t++) {
        for (int r = (int) ((long) rows * t / tasks), end = (int) ((long) rows * (t + 1) / tasks); r < end; r++) {
          synapse.conv.inputGradient(gradCurrent, r * out, synapse.weightTransposed, gradInput, r * in, lists[t]);
        }
      }
    }
  }
}
