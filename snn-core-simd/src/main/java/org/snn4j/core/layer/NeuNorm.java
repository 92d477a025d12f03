package org.snn4j.core.layer;

import java.util.Arrays;
import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/**
 * NeuNorm (Wu et al. 2019, "Direct Training for Spiking Neural Networks: Faster, Larger, Better"), as SpikingJelly's
 * {@code NeuNorm} reads it: after a conv layer's neurons, each pixel of each sample keeps an auxiliary neuron that
 * integrates the spikes of all {@code C} channels there, and every channel's spike has a learned share of it taken
 * away:
 *
 * <pre>
 *   x[t]     = k·x[t−1] + (1 − k)/C² · Σ_c o_c[t]        per (sample, pixel), x[−1] = 0
 *   y_c[t]   = o_c[t] − w_{c,y,x} · x[t]                 analog output
 * </pre>
 *
 * and through time backward ({@code gy = dL/dy}):
 *
 * <pre>
 *   gx[t]    = −Σ_c w_c·gy_c[t] + k·gx[t+1]              gx[T] = 0
 *   dL/do_c  = gy_c[t] + (1 − k)/C² · gx[t]
 *   dL/dw_c  = −Σ_{t,b} gy_c[t] · x[t]
 * </pre>
 *
 * <p>Layout: activations are pixel-major ({@link PixelLayout}: index {@code p·C + c}, {@code p = y·W + x}), and so is
 * {@code w} ({@code [H][W][C]}, the model file's order), so one pixel's channels and weights are contiguous. The
 * state {@code x} is kept on the tape, {@code [rows][H·W]}. Work is split by pixels: a task owns pixels {@code
 * [p0, p1)} of every row, their {@code x} and their slice of {@code dL/dw}, which it sums over the rows {@code t·B +
 * b} from the last to the first, a fixed order, so the result is the same at any thread count. Spikes in, analog out;
 * training and inference compute the same thing.
 */
public final class NeuNorm implements NetworkLayer {
  /** SpikingJelly's default momentum {@code k}. */
  public static final float DEFAULT_K = 0.9f;

  private final Shape shape;
  private final int channels;
  private final int pixels;
  private final float k;
  /** {@code (1 − k)/C²}. */
  private final float inputScale;
  private final int index;
  private final float[] weight;
  private final float[] weightGradient;
  private final List<Parameter> parameters;

  /**
   * NeuNorm over images of {@code shape} {@code [C,H,W]}, its weights zero.
   *
   * @param index the spiking (conv) layer whose spikes it normalizes, for the parameter's name ({@code
   *     layer0.neunorm_weight} beside {@code layer0.weight})
   * @param k the auxiliary neuron's decay, in [0, 1)
   */
  public NeuNorm(int index, Shape shape, float k) {
    if (shape.rank() != 3) {
      throw new IllegalArgumentException("neunorm needs an image input [C,H,W], got " + shape);
    }
    if (!(k >= 0 && k < 1)) {
      throw new IllegalArgumentException("neunorm's k must be in [0, 1), got " + k);
    }
    this.shape = shape;
    this.channels = shape.dim(0);
    this.pixels = shape.dim(1) * shape.dim(2);
    this.k = k;
    this.inputScale = (1f - k) / ((float) channels * channels);
    this.index = index;
    this.weight = new float[shape.size()];
    this.weightGradient = new float[shape.size()];
    this.parameters = List.of(new Parameter("layer" + index + ".neunorm_weight", weight, weightGradient));
  }

  /** The decay of the auxiliary neurons. */
  public float k() {
    return k;
  }

  /** The weights {@code w}, pixel-major {@code [H][W][C]} (live). */
  public float[] weight() {
    return weight;
  }

  /** dLoss/dw of the last backward pass, pixel-major (live). */
  public float[] weightGradient() {
    return weightGradient;
  }

  /** PyTorch's (and SpikingJelly's) initialisation bound for {@code w} of shape {@code [C,H,W]}: {@code 1/sqrt(H·W)}. */
  public float initBound() {
    // kaiming_uniform_(a=√5): gain √(2/(1+5)) times √(3/fan_in), fan_in = H·W for a [C,H,W] tensor
    return (float) (1.0 / Math.sqrt(pixels));
  }

  @Override
  public Shape inputShape() {
    return shape;
  }

  @Override
  public Shape outputShape() {
    return shape;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public NeuNorm copy() {
    NeuNorm n = new NeuNorm(index, shape, k);
    System.arraycopy(weight, 0, n.weight, 0, weight.length);
    return n;
  }

  @Override
  public Tape newTape(Tuning tuning) {
    return new NeuNormTape();
  }

  @Override
  public void forward(Activation input, Tape tape, WorkerPool pool) {
    NeuNormTape t = (NeuNormTape) tape;
    t.job.run(input, null, null, t, pool);
  }

  @Override
  public void backward(
      float[] gradOutput, Tape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool pool) {
    NeuNormTape t = (NeuNormTape) tape;
    t.job.run(null, gradOutput, gradInput, t, pool);
  }

  /** NeuNorm's output is analog, which a {@link SpikeTensor} cannot hold: run it in a SequentialNet. */
  @Override
  public SpikeTensor forward(SpikeTensor input) {
    throw new IllegalStateException("neunorm outputs analog values, not spikes: run it in a SequentialNet");
  }

  @Override
  public String toString() {
    return "neunorm k=" + k + " " + shape;
  }

  /** The number of set bits {@code from .. from + length − 1} of the row starting at word {@code word}. */
  static int countBits(long[] bits, int word, int from, int length) {
    int end = from + length;
    int first = from >>> 6;
    int last = (end - 1) >>> 6;
    long lowMask = -1L << from; // shifts are mod 64
    long highMask = -1L >>> (63 - ((end - 1) & 63));
    if (first == last) {
      return Long.bitCount(bits[word + first] & lowMask & highMask);
    }
    int n = Long.bitCount(bits[word + first] & lowMask);
    for (int q = first + 1; q < last; q++) {
      n += Long.bitCount(bits[word + q]);
    }
    return n + Long.bitCount(bits[word + last] & highMask);
  }

  /** The output {@code y}, the state {@code x} and, in the backward pass, {@code gx[t+1]} per (sample, pixel). */
  private final class NeuNormTape extends Tape {
    private final Activation output = new Activation();
    private final NeuNormJob job = new NeuNormJob();
    private float[] analog = new float[0];
    /** {@code x[t]} of row {@code r} and pixel {@code p} at {@code r·P + p}. */
    private float[] state = new float[0];
    /** {@code gx[t+1]} per sample and pixel, {@code [B][P]}, while the backward pass runs. */
    private float[] stateGradient = new float[0];

    @Override
    public void ensure(int timesteps, int batch) {
      super.ensure(timesteps, batch);
      int rows = Math.multiplyExact(timesteps, batch);
      int need = Math.multiplyExact(rows, shape.size());
      if (analog.length < need) {
        analog = new float[need];
      }
      need = Math.multiplyExact(rows, pixels);
      if (state.length < need) {
        state = new float[need];
      }
      need = Math.multiplyExact(batch, pixels);
      if (stateGradient.length < need) {
        stateGradient = new float[need];
      }
      output.setAnalog(analog);
    }

    @Override
    public Activation output() {
      return output;
    }

    @Override
    public long bytesPerSample() {
      return 4L * timesteps * (shape.size() + pixels);
    }

    @Override
    public long scratchBytesPerSample() {
      return 4L * pixels;
    }
  }

  /** One pass over pixel ranges: forward when {@code gradOutput} is null, else backward. */
  private final class NeuNormJob implements WorkerPool.RangeBody {
    private Activation input;
    private float[] gradOutput;
    private float[] gradInput;
    private NeuNormTape tape;

    void run(Activation input, float[] gradOutput, float[] gradInput, NeuNormTape tape, WorkerPool pool) {
      this.input = input;
      this.gradOutput = gradOutput;
      this.gradInput = gradInput;
      this.tape = tape;
      try {
        pool.forRange(pixels, 4, this);
      } finally {
        this.input = null;
        this.gradOutput = null;
        this.gradInput = null;
        this.tape = null;
      }
    }

    @Override
    public void run(int p0, int p1) {
      if (gradOutput == null) {
        forward(p0, p1);
      } else {
        backward(p0, p1);
      }
    }

    /** Rows in time order, so {@code x[t−1]} is the same sample's row {@code B} rows back. */
    private void forward(int p0, int p1) {
      int n = shape.size();
      int words = SpikeBits.words(n);
      int batch = tape.batch();
      int rows = tape.rows();
      float[] x = tape.state;
      float[] y = tape.analog;
      long[] bits = input.bits();
      float[] analog = input.analog();
      for (int r = 0; r < rows; r++) {
        for (int p = p0; p < p1; p++) {
          int at = r * n + p * channels;
          float sum;
          if (bits != null) {
            sum = countBits(bits, r * words, p * channels, channels);
          } else {
            sum = 0f;
            for (int c = 0; c < channels; c++) {
              sum += analog[at + c];
            }
          }
          float previous = r < batch ? 0f : x[(r - batch) * pixels + p];
          float xt = k * previous + inputScale * sum;
          x[r * pixels + p] = xt;
          int wAt = p * channels;
          if (bits != null) {
            int bit = p * channels;
            for (int c = 0; c < channels; c++) {
              float o = SpikeBits.get(bits, r * words, bit + c) ? 1f : 0f;
              y[at + c] = o - weight[wAt + c] * xt;
            }
          } else {
            for (int c = 0; c < channels; c++) {
              y[at + c] = analog[at + c] - weight[wAt + c] * xt;
            }
          }
        }
      }
    }

    /** Rows in reverse time order; {@code gx[t+1]} of each (sample, pixel) waits in {@code stateGradient}. */
    private void backward(int p0, int p1) {
      int n = shape.size();
      int batch = tape.batch();
      int rows = tape.rows();
      float[] x = tape.state;
      float[] gxNext = tape.stateGradient;
      for (int b = 0; b < batch; b++) {
        Arrays.fill(gxNext, b * pixels + p0, b * pixels + p1, 0f);
      }
      Arrays.fill(weightGradient, p0 * channels, p1 * channels, 0f);
      for (int r = rows - 1; r >= 0; r--) {
        int b = r % batch;
        for (int p = p0; p < p1; p++) {
          int at = r * n + p * channels;
          int wAt = p * channels;
          float xt = x[r * pixels + p];
          float gx = 0f;
          for (int c = 0; c < channels; c++) {
            float g = gradOutput[at + c];
            gx -= weight[wAt + c] * g;
            weightGradient[wAt + c] -= g * xt;
          }
          gx += k * gxNext[b * pixels + p];
          gxNext[b * pixels + p] = gx;
          if (gradInput != null) {
            float share = inputScale * gx;
            for (int c = 0; c < channels; c++) {
              gradInput[at + c] = gradOutput[at + c] + share;
            }
          }
        }
      }
    }
  }
}
