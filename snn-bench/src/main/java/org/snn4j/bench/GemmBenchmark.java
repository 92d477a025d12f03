package org.snn4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;

/**
 * The dense Vector API GEMM on {@code [1000×784]×[784×800]}, one thread: GFLOP/s = 2·1000·784·800 / (s/op) =
 * 1.2544 / (s/op). Compare with OpenBLAS sgemm on the same shape (docs/PERFORMANCE.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {
  static final int M = 1000;
  static final int K = 784;
  static final int N = 800;

  float[] a;
  float[] b;
  float[] c;
  Kernels kernels;

  @Setup
  public void setUp() {
    kernels = KernelSelection.vector();
    Random r = new Random(5);
    a = ProductBenchmark.randomFloats(r, M * K);
    b = ProductBenchmark.randomFloats(r, K * N);
    c = new float[M * N];
  }

  @Benchmark
  public float[] gemm() {
    java.util.Arrays.fill(c, 0f);
    kernels.gemm(a, b, c, 0, M, K, N);
    return c;
  }
}
