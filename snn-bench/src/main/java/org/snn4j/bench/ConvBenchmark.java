package org.snn4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.snn4j.core.conv.ConvGeometry;
import org.snn4j.core.conv.ConvRows;
import org.snn4j.core.kernel.Kernels;

/**
 * The reference SCNN's two convolutions (28×28×1 → 32 and 14×14×32 → 32, 3×3, padding 1), one thread, 100 rows (one
 * time step of a batch of 100) per operation, at input densities from 2% to 40%: the event-driven forward of spikes
 * ({@code forwardSpikes}) and of sparse analog input such as average-pooled spikes ({@code forwardSparse}), against
 * the dense path (an implicit GEMM, {@code forwardDense}) for the same layer; and the backward passes. Multiply-adds
 * of the dense layer per operation: 100 × OH·OW × O × 9·C (22.6 M for conv1, 180.6 M for conv2).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// a fixed heap so that GC does not differ between runs
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvBenchmark {
  static final int ROWS = 100;

  /** {@code conv1} (the SCNN's first layer, rate-coded pixels in) or {@code conv2} (pooled spikes in). */
  @Param({"conv1", "conv2"})
  String layer;

  /** Fraction of inputs that are not zero. */
  @Param({"0.02", "0.05", "0.1", "0.2", "0.4"})
  double density;

  /** Fraction of the output gradient that is not zero (the SCNN's conv2 measures about 0.5 in training). */
  @Param({"0.3"})
  double gradDensity;

  ConvGeometry geometry;
  ConvRows conv;
  long[] spikes;
  int words;
  float[] analog;
  float[] w;
  float[] wT;
  float[] bias;
  float[] grad;
  float[] out;
  float[] dx;
  float[] dW;
  ConvRows.Lists lists;
  ConvRows.WeightLists weightLists;
  ConvRows.InputEvents events;

  @Setup
  public void setUp() {
    geometry = layer.equals("conv1") ? new ConvGeometry(1, 28, 28, 32, 3, 1, 1) : new ConvGeometry(32, 14, 14, 32, 3, 1, 1);
    conv = new ConvRows(geometry, Kernels.get());
    Random r = new Random(7);
    int in = geometry.inputSize();
    words = (in + 63) / 64;
    spikes = new long[ROWS * words];
    analog = new float[ROWS * in];
    for (int row = 0; row < ROWS; row++) {
      for (int i = 0; i < in; i++) {
        if (r.nextDouble() < density) {
          spikes[row * words + (i >>> 6)] |= 1L << (i & 63);
          analog[row * in + i] = 0.25f * (1 + r.nextInt(4)); // average-pooled spikes: 1/4 to 1
        }
      }
    }
    w = randomFloats(r, geometry.weightSize(), 0.3f);
    wT = new float[w.length];
    conv.transpose(w, wT);
    bias = randomFloats(r, geometry.outChannels(), 0.3f);
    grad = randomFloats(r, ROWS * geometry.outputSize(), 1f);
    for (int i = 0; i < grad.length; i++) {
      if (r.nextDouble() >= gradDensity) {
        grad[i] = 0f; // outside the surrogate's support and every later step's
      }
    }
    out = new float[ROWS * geometry.outputSize()];
    dx = new float[ROWS * in];
    dW = new float[geometry.weightSize()];
    lists = new ConvRows.Lists(geometry);
    weightLists = new ConvRows.WeightLists(geometry);
    events = new ConvRows.InputEvents(geometry);
  }

  static float[] randomFloats(Random r, int n, float scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (r.nextFloat() * 2 - 1) * scale;
    }
    return a;
  }

  @Benchmark
  public float[] forwardSpikes() {
    for (int row = 0; row < ROWS; row++) {
      conv.forwardSpikes(spikes, row * words, w, bias, out, row * geometry.outputSize(), lists);
    }
    return out;
  }

  @Benchmark
  public float[] forwardSparse() {
    for (int row = 0; row < ROWS; row++) {
      conv.forwardAnalog(analog, row * geometry.inputSize(), w, bias, out, row * geometry.outputSize(), lists);
    }
    return out;
  }

  @Benchmark
  public float[] forwardDense() {
    for (int row = 0; row < ROWS; row++) {
      conv.forwardDense(analog, row * geometry.inputSize(), w, bias, out, row * geometry.outputSize());
    }
    return out;
  }

  @Benchmark
  public float[] inputGradient() {
    for (int row = 0; row < ROWS; row++) {
      conv.inputGradient(grad, row * geometry.outputSize(), wT, dx, row * geometry.inputSize(), lists);
    }
    return dx;
  }

  @Benchmark
  public float[] inputGradientDense() {
    for (int row = 0; row < ROWS; row++) {
      conv.inputGradientDense(grad, row * geometry.outputSize(), wT, dx, row * geometry.inputSize());
    }
    return dx;
  }

  @Benchmark
  public float[] weightGradientSpikes() {
    conv.collectSpikes(spikes, words, ROWS, null, 1, events);
    conv.weightGradient(events, 0, geometry.channels(), ROWS, grad, dW, weightLists);
    return dW;
  }
}
