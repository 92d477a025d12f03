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
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;

/**
 * The dense Vector API GEMM, one thread, {@code [M×K]×[K×N]} for {@code shape = "MxKxN"}: GFLOP/s = 2·M·K·N / (s/op).
 * The shapes: the README MLP's first layer over a batch ({@code 1000x784x800}; compare with OpenBLAS sgemm, see
 * docs/PERFORMANCE.md), one image of the SCNN's conv2 as im2col × weights ({@code 196x288x32}: its dense forward and
 * its dense input gradient), and the SCNN's fc1 over a batch ({@code 1000x1568x128}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {
  /** {@code MxKxN}. */
  @Param({"1000x784x800", "196x288x32", "1000x1568x128"})
  String shape;

  int m;
  int k;
  int n;

  float[] a;
  float[] b;
  float[] c;
  Kernels kernels;

  @Setup
  public void setUp() {
    kernels = KernelSelection.vector();
    String[] mkn = shape.split("x");
    m = Integer.parseInt(mkn[0]);
    k = Integer.parseInt(mkn[1]);
    n = Integer.parseInt(mkn[2]);
    Random r = new Random(5);
    a = ProductBenchmark.randomFloats(r, m * k);
    b = ProductBenchmark.randomFloats(r, k * n);
    c = new float[m * n];
  }

  @Benchmark
  public float[] gemm() {
    java.util.Arrays.fill(c, 0f);
    kernels.gemm(a, b, c, 0, m, k, n);
    return c;
  }
}
