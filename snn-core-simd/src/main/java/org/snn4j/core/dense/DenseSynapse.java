package org.snn4j.core.dense;

import java.util.Arrays;
import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Activation;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.Synapse;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A fully connected synapse, {@code I[r] = x[r] W + b} with {@code W} row-major {@code [in][out]}, over all rows of
 * a batch: spiking input through the event-driven or dense products ({@link DenseProducts}), analog input through
 * the GEMM. Its backward pass computes dL/dW (per input, the sum of dL/dI over the rows where it spiked), dL/db and,
 * when asked, dL/dx {@code = Σ_j dL/dI[r][j] · W[·][j]}.
 */
public final class DenseSynapse implements Synapse {
  private final int in;
  private final int out;
  private final Kernels kernels;
  private final float[] weight;
  private final float[] bias;
  private final float[] weightGrad;
  private final float[] biasGrad;
  private float[] weightTransposed;
  private DenseProducts.Path path = DenseProducts.Path.AUTO;

  /** A synapse with zero weights; set them through {@link #weight()} and {@link #bias()}. */
  public DenseSynapse(int in, int out, Kernels kernels) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("layer sizes must be positive, got " + in + "→" + out);
    }
    this.in = in;
    this.out = out;
    this.kernels = kernels;
    this.weight = new float[Math.multiplyExact(in, out)];
    this.bias = new float[out];
    this.weightGrad = new float[weight.length];
    this.biasGrad = new float[out];
  }

  /**
   * Adds a synapse's own arrays: the weights, biases and their gradients (the constructor) and, when {@code
   * transposed} (a trained layer above another, whose backward pass computes dL/dx), the transposed weights ({@link
   * #transposedWeights}).
   */
  public static void footprint(Footprint f, String layer, int in, int out, boolean transposed) {
    long weights = Footprint.times(in, out);
    String what = layer + "'s weights (inputs × outputs)";
    f.floats(what, weights, false).floats(layer + "'s biases", out, false);
    f.floats(what, weights, false).floats(layer + "'s biases", out, false);
    if (transposed) {
      f.floats(what, weights, false);
    }
  }

  /**
   * Adds what the scratch of one tape ({@link #newScratch}) allocates for {@code timesteps × batch} rows: its
   * products' workspace ({@link DenseWorkspace#footprint}).
   */
  public static void scratchFootprint(
      Footprint f, String layer, int in, int out, Tuning tuning, int timesteps, int batch, boolean analog,
      boolean training) {
    DenseWorkspace.footprint(f, layer, in, out, tuning, timesteps, batch, analog, training);
  }

  @Override
  public Shape inputShape() {
    return Shape.vector(in);
  }

  @Override
  public Shape outputShape() {
    return Shape.vector(out);
  }

  /** The weights, row-major {@code [in][out]} (live, not a copy). */
  @Override
  public float[] weight() {
    return weight;
  }

  @Override
  public float[] bias() {
    return bias;
  }

  @Override
  public List<Parameter> parameters(String prefix) {
    return List.of(new Parameter(prefix + "weight", weight, weightGrad), new Parameter(prefix + "bias", bias, biasGrad));
  }

  /** Forces the event-driven or the dense products (default {@link DenseProducts.Path#AUTO}); results are equal. */
  public void setProductPath(DenseProducts.Path path) {
    this.path = path;
  }

  public DenseProducts.Path productPath() {
    return path;
  }

  @Override
  public DenseSynapse copy() {
    DenseSynapse c = new DenseSynapse(in, out, kernels);
    System.arraycopy(weight, 0, c.weight, 0, weight.length);
    System.arraycopy(bias, 0, c.bias, 0, bias.length);
    c.path = path;
    return c;
  }

  @Override
  public Scratch newScratch(Tuning tuning) {
    return new Scratch(new DenseWorkspace(in, out, tuning));
  }

  @Override
  public void forward(Activation input, float[] current, Synapse.Scratch scratch, WorkerPool pool) {
    DenseWorkspace ws = ((Scratch) scratch).products;
    if (input.isSpikes()) {
      DenseProducts.forward(kernels, input.bits(), weight, bias, current, ws, pool, path);
    } else {
      DenseProducts.forwardAnalog(kernels, input.analog(), weight, bias, current, ws, pool);
    }
  }

  @Override
  public void backward(
      Activation input, float[] gu, boolean[] liveSamples, float[] gradInput, Synapse.Scratch scratch,
      WorkerPool pool) {
    Scratch s = (Scratch) scratch;
    DenseWorkspace ws = s.products;
    boolean biasDone = false;
    if (input.isSpikes()) {
      biasDone = DenseProducts.weightGradient(kernels, input.bits(), gu, weightGrad, biasGrad, liveSamples, ws, pool, path);
    } else {
      DenseProducts.weightGradientAnalog(kernels, input.analog(), gu, weightGrad, ws, pool);
    }
    if (!biasDone) {
      s.biasGradient.run(gu, ws.rows, pool);
    }
    if (gradInput != null) {
      s.inputGradient.run(gu, transposedWeights(), liveSamples, gradInput, ws.batch, ws.rows, pool);
    }
  }

  private float[] transposedWeights() {
    if (weightTransposed == null) {
      weightTransposed = new float[weight.length];
    }
    float[] wT = weightTransposed;
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < out; j++) {
        wT[j * in + i] = weight[i * out + j];
      }
    }
    return wT;
  }

  /** The products' workspace and the jobs of the backward pass, one per tape. */
  final class Scratch implements Synapse.Scratch {
    final DenseWorkspace products;
    final BiasGradientJob biasGradient = new BiasGradientJob();
    final InputGradientJob inputGradient = new InputGradientJob();

    Scratch(DenseWorkspace products) {
      this.products = products;
    }

    @Override
    public void ensure(int timesteps, int batch) {
      products.ensure(timesteps, batch);
    }

    @Override
    public long scratchBytesPerRow() {
      return products.scratchBytesPerRow();
    }

    @Override
    public void freezeWeights() {
      products.freezeWeights(weight);
    }

    @Override
    public long weightPacks() {
      return products.weightPacks();
    }
  }

  /** dL/db of one batch, for the paths that do not compute it with the weight gradient. */
  private final class BiasGradientJob implements WorkerPool.RangeBody {
    private float[] gu;
    private int rows;

    void run(float[] gu, int rows, WorkerPool pool) {
      this.gu = gu;
      this.rows = rows;
      try {
        pool.forRange(out, 16, this);
      } finally {
        this.gu = null;
      }
    }

    /** dL/db for outputs {@code [c0, c1)}: the sum of dL/dI over rows, ascending. */
    @Override
    public void run(int c0, int c1) {
      Arrays.fill(biasGrad, c0, c1, 0f);
      for (int r = 0; r < rows; r++) {
        kernels.add(gu, r * out + c0, biasGrad, c0, c1 - c0);
      }
    }
  }

  /** dL/dx of one batch. */
  private final class InputGradientJob implements WorkerPool.RangeBody {
    private float[] gu;
    private float[] wT;
    private boolean[] live;
    private float[] gradInput;
    private int batch;

    void run(float[] gu, float[] wT, boolean[] live, float[] gradInput, int batch, int rows, WorkerPool pool) {
      this.gu = gu;
      this.wT = wT;
      this.live = live;
      this.gradInput = gradInput;
      this.batch = batch;
      try {
        pool.forRange(rows, 8, this);
      } finally {
        this.gu = null;
        this.wT = null;
        this.live = null;
        this.gradInput = null;
      }
    }

    /**
     * dL/dx for rows {@code [r0, r1)}: {@code Σ_j dL/dI[r][j] · W[·][j]}, over {@code j} ascending; zeros for the
     * rows of samples whose loss gradient is zero.
     */
    @Override
    public void run(int r0, int r1) {
      for (int r = r0; r < r1; r++) {
        if (live == null || live[r % batch]) {
          kernels.combineRows(gu, r * out, out, wT, in, gradInput, r * in, in);
        } else {
          Arrays.fill(gradInput, r * in, (r + 1) * in, 0f);
        }
      }
    }
  }
}
