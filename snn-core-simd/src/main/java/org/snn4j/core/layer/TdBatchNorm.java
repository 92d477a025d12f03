package org.snn4j.core.layer;

import java.util.Arrays;
import java.util.List;
import org.snn4j.api.Parameter;

/**
 * Threshold-dependent batch normalization (tdBN, Zheng et al. 2021), the optional stage of a {@link SpikingLayer}
 * between its synapse and its neuron dynamics: each channel's currents are normalized over the whole {@code T·B·H·W}
 * population of a batch (a dense layer's neuron is a channel of one pixel, normalized over {@code T·B}), as PyTorch's
 * {@code BatchNorm} with SpikingJelly's {@code ThresholdDependentBatchNorm2d} initialisation:
 *
 * <pre>
 *   training   mean_c = (1/m) Σ I,  var_c = (1/m) Σ (I − mean_c)²     m = T·B·H·W, biased
 *              running_mean ← (1 − 0.1)·running_mean + 0.1·mean_c
 *              running_var  ← (1 − 0.1)·running_var  + 0.1·var_c·m/(m − 1)     (unbiased)
 *   inference  mean_c = running_mean,  var_c = running_var
 *   both       x̂ = (I − mean_c)/sqrt(var_c + 1e-5),  y = γ_c·x̂ + β_c      γ starts at α·Vth, β at 0
 *   backward   dL/dI = γ_c/σ_c · (dy − mean(dy) − x̂·mean(dy·x̂)),  dL/dγ_c = Σ dy·x̂,  dL/dβ_c = Σ dy
 * </pre>
 *
 * Currents are {@code [rows][n]} with the channel fastest ({@code n = pixels·channels}, conv layers' pixel-major
 * layout). Every per-channel sum runs over rows, then pixels, in that order and in double, so results do not depend
 * on the thread count. The passes are plain scalar loops on the calling thread.
 */
public final class TdBatchNorm {
  /** Added to the variance, as PyTorch's default. */
  public static final double EPSILON = 1e-5;
  /** The weight of the batch's statistics in the running ones, as PyTorch's default. */
  public static final double MOMENTUM = 0.1;

  private final int n;
  private final int channels;
  private final double alpha;
  private final float[] gamma;
  private final float[] beta;
  private final float[] gammaGrad;
  private final float[] betaGrad;
  private final float[] runningMean;
  private final float[] runningVar;

  /**
   * @param n currents per row, a multiple of {@code channels}
   * @param channels statistics are per channel: element {@code j} of a row is channel {@code j % channels}
   * @param alpha γ starts at {@code alpha·vth}
   * @param vth the threshold of the neurons that follow
   */
  public TdBatchNorm(int n, int channels, double alpha, double vth) {
    if (channels <= 0 || n % channels != 0) {
      throw new IllegalArgumentException(n + " currents are not a whole number of " + channels + " channels");
    }
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("tdbn alpha must be a finite number above 0, got " + alpha);
    }
    this.n = n;
    this.channels = channels;
    this.alpha = alpha;
    this.gamma = new float[channels];
    this.beta = new float[channels];
    this.gammaGrad = new float[channels];
    this.betaGrad = new float[channels];
    this.runningMean = new float[channels];
    this.runningVar = new float[channels];
    Arrays.fill(gamma, (float) (alpha * vth));
    Arrays.fill(runningVar, 1f);
  }

  private TdBatchNorm(TdBatchNorm o) {
    this.n = o.n;
    this.channels = o.channels;
    this.alpha = o.alpha;
    this.gamma = o.gamma.clone();
    this.beta = o.beta.clone();
    this.gammaGrad = new float[channels];
    this.betaGrad = new float[channels];
    this.runningMean = o.runningMean.clone();
    this.runningVar = o.runningVar.clone();
  }

  /** A copy with its own γ, β and running statistics, equal to these now. */
  public TdBatchNorm copy() {
    return new TdBatchNorm(this);
  }

  /** Currents per row. */
  public int size() {
    return n;
  }

  public int channels() {
    return channels;
  }

  /** The {@code alpha} γ was initialised with (the token's {@code tdbn(alpha=...)}). */
  public double alpha() {
    return alpha;
  }

  /** γ per channel (live). */
  public float[] gamma() {
    return gamma;
  }

  /** β per channel (live). */
  public float[] beta() {
    return beta;
  }

  /** The running mean per channel (live). */
  public float[] runningMean() {
    return runningMean;
  }

  /** The running (unbiased) variance per channel (live). */
  public float[] runningVar() {
    return runningVar;
  }

  /** γ and β as parameters named with {@code prefix}: {@code layer0.tdbn_weight}, {@code layer0.tdbn_bias}. */
  public List<Parameter> parameters(String prefix) {
    return List.of(new Parameter(prefix + "tdbn_weight", gamma, gammaGrad),
        new Parameter(prefix + "tdbn_bias", beta, betaGrad));
  }

  /** The running statistics a model file stores after the parameters: mean, then variance. */
  public List<StoredArray> statistics(String prefix) {
    return List.of(new StoredArray(prefix + "tdbn_running_mean", runningMean),
        new StoredArray(prefix + "tdbn_running_var", runningVar));
  }

  /** Floats a model file stores for a tdBN of {@code channels} channels: γ, β, running mean and variance. */
  public static long storedFloats(int channels) {
    return 4L * channels;
  }

  public Scratch newScratch() {
    return new Scratch(n, channels);
  }

  /**
   * Normalizes {@code rows} rows: {@code normalized} holds the synapse's currents {@code I} on entry and {@code x̂}
   * on return (what the backward pass needs); {@code out} receives {@code y}. In training the batch's statistics
   * are used and the running ones updated; otherwise the running ones are used.
   */
  public void forward(Scratch s, float[] out, int rows, boolean training) {
    float[] x = s.normalized;
    int pixels = n / channels;
    double[] mean = s.mean;
    double[] invStd = s.invStd;
    s.count = (long) rows * pixels;
    s.trained = training;
    if (training) {
      double[] sum = s.sum;
      Arrays.fill(sum, 0.0);
      for (int r = 0; r < rows; r++) {
        for (int p = 0, i = r * n; p < pixels; p++) {
          for (int c = 0; c < channels; c++, i++) {
            sum[c] += x[i];
          }
        }
      }
      for (int c = 0; c < channels; c++) {
        mean[c] = sum[c] / s.count;
      }
      // the second pass over (I − mean)² rather than Σ I² − m·mean², which cancels badly for large means
      Arrays.fill(sum, 0.0);
      for (int r = 0; r < rows; r++) {
        for (int p = 0, i = r * n; p < pixels; p++) {
          for (int c = 0; c < channels; c++, i++) {
            double d = x[i] - mean[c];
            sum[c] += d * d;
          }
        }
      }
      for (int c = 0; c < channels; c++) {
        double var = sum[c] / s.count;
        invStd[c] = 1.0 / Math.sqrt(var + EPSILON);
        double unbiased = s.count > 1 ? var * s.count / (s.count - 1) : var;
        runningMean[c] = (float) ((1 - MOMENTUM) * runningMean[c] + MOMENTUM * mean[c]);
        runningVar[c] = (float) ((1 - MOMENTUM) * runningVar[c] + MOMENTUM * unbiased);
      }
    } else {
      for (int c = 0; c < channels; c++) {
        mean[c] = runningMean[c];
        invStd[c] = 1.0 / Math.sqrt(runningVar[c] + EPSILON);
      }
    }
    for (int r = 0; r < rows; r++) {
      for (int p = 0, i = r * n; p < pixels; p++) {
        for (int c = 0; c < channels; c++, i++) {
          float xh = (float) ((x[i] - mean[c]) * invStd[c]);
          x[i] = xh;
          out[i] = gamma[c] * xh + beta[c];
        }
      }
    }
  }

  /**
   * From dL/dy to dL/dI in place in {@code grad} ({@code [rows][n]}), after {@link #forward} on {@code s}; sets γ's
   * and β's gradients. After a forward pass in training the batch's statistics depend on every row, so every row of
   * dL/dI depends on every row of dL/dy; after an inference pass the statistics are constants.
   */
  public void backward(float[] grad, Scratch s, int rows) {
    float[] xh = s.normalized;
    int pixels = n / channels;
    double[] sumDy = s.sum;
    double[] sumDyX = s.sumDyX;
    Arrays.fill(sumDy, 0.0);
    Arrays.fill(sumDyX, 0.0);
    for (int r = 0; r < rows; r++) {
      for (int p = 0, i = r * n; p < pixels; p++) {
        for (int c = 0; c < channels; c++, i++) {
          double dy = grad[i];
          sumDy[c] += dy;
          sumDyX[c] += dy * xh[i];
        }
      }
    }
    double[] scale = s.scale;
    double[] meanDy = s.meanDy;
    double[] meanDyX = s.meanDyX;
    for (int c = 0; c < channels; c++) {
      betaGrad[c] = (float) sumDy[c];
      gammaGrad[c] = (float) sumDyX[c];
      scale[c] = gamma[c] * s.invStd[c];
      meanDy[c] = s.trained ? sumDy[c] / s.count : 0.0;
      meanDyX[c] = s.trained ? sumDyX[c] / s.count : 0.0;
    }
    for (int r = 0; r < rows; r++) {
      for (int p = 0, i = r * n; p < pixels; p++) {
        for (int c = 0; c < channels; c++, i++) {
          grad[i] = (float) (scale[c] * (grad[i] - meanDy[c] - xh[i] * meanDyX[c]));
        }
      }
    }
  }

  /** Per tape: {@code x̂ [rows][n]} and the per-channel statistics of the last forward pass; reused. */
  public static final class Scratch {
    private final int n;
    private final double[] mean;
    private final double[] invStd;
    private final double[] sum;
    private final double[] sumDyX;
    private final double[] meanDy;
    private final double[] meanDyX;
    private final double[] scale;
    private float[] normalized = new float[0];
    private long count;
    private boolean trained;

    Scratch(int n, int channels) {
      this.n = n;
      this.mean = new double[channels];
      this.invStd = new double[channels];
      this.sum = new double[channels];
      this.sumDyX = new double[channels];
      this.meanDy = new double[channels];
      this.meanDyX = new double[channels];
      this.scale = new double[channels];
    }

    /** Makes room for {@code rows} rows; allocates only when the capacity grows. */
    public void ensure(int rows) {
      long cells = (long) rows * n;
      if (cells > normalized.length) {
        normalized = new float[Math.toIntExact(cells)];
      }
    }

    /** What the synapse writes its currents into; {@code x̂} after the forward pass (live). */
    public float[] normalized() {
      return normalized;
    }

    /** Bytes per row kept for the backward pass ({@code x̂}). */
    public long tapeBytesPerRow() {
      return 4L * n;
    }
  }
}
