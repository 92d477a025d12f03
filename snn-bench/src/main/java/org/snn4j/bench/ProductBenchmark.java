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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.Tuning;
import org.snn4j.core.dense.DenseProducts;
import org.snn4j.core.dense.DenseWorkspace;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Event-driven vs dense synaptic products of the README model's first layer (784 → 800, T·B = 1000 rows, one
 * thread) at input densities around the rate-coded input's 29%. Synaptic operations per second = density × 784 ×
 * 800 × 1000 / (s/op); dense GFLOP/s = 2 × 784 × 800 × 1000 / (s/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProductBenchmark {
  static final int IN = 784;
  static final int OUT = 800;
  static final int ROWS = 1000;
  /** The rows are T = 10 steps of a batch of 100 (independent spikes: the delta rows never pay here). */
  static final int STEPS = 10;

  /** Fraction of inputs that spike. */
  @Param({"0.02", "0.05", "0.1", "0.2", "0.4"})
  double density;

  @Param({"EVENT", "DENSE"})
  DenseProducts.Path path;

  /** Spikes {@code [ROWS][IN]} as bytes, and as the bits the products take. */
  byte[] x;
  long[] xBits;
  float[] w;
  float[] bias;
  float[] gu;
  float[] u;
  float[] dW;
  DenseWorkspace ws;
  WorkerPool pool;
  Kernels kernels;

  @Setup
  public void setUp() {
    kernels = Kernels.get();
    pool = new WorkerPool(1);
    Random r = new Random(3);
    x = new byte[ROWS * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = (byte) (r.nextDouble() < density ? 1 : 0);
    }
    int words = SpikeBits.words(IN);
    xBits = new long[ROWS * words];
    for (int row = 0; row < ROWS; row++) {
      kernels.packBits(x, row * IN, IN, xBits, row * words);
    }
    w = randomFloats(r, IN * OUT);
    bias = randomFloats(r, OUT);
    gu = randomFloats(r, ROWS * OUT);
    u = new float[ROWS * OUT];
    dW = new float[IN * OUT];
    ws = new DenseWorkspace(IN, OUT, Tuning.system());
    ws.ensure(STEPS, ROWS / STEPS);
    forward();
  }

  static float[] randomFloats(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextFloat() - 0.5f;
    }
    return a;
  }

  @TearDown
  public void tearDown() {
    pool.close();
  }

  @Benchmark
  public float[] forward() {
    DenseProducts.forward(kernels, xBits, w, bias, u, ws, pool, path);
    return u;
  }

  @Benchmark
  public float[] weightGradient() {
    DenseProducts.weightGradient(kernels, xBits, gu, dW, null, null, ws, pool, path);
    return dW;
  }
}
