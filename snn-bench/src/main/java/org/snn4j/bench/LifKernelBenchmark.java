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
 * Scalar and vector twins of the LIF step and the event-driven row sum, side by side in one fork. The LIF state is
 * rebuilt from a fixed input each call (a stationary ring), so the layer neither saturates nor falls silent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LifKernelBenchmark {
  /** Neurons per step: batch 100 × 800 hidden (the README model), and an odd size for the scalar tail. */
  @Param({"80000", "80003"})
  int n;

  @Param({"scalar", "vector"})
  String twin;

  Kernels kernels;
  float[] prevU;
  float[] current;
  float[] u;
  long[] spikes;
  float[] w;
  int[] active;
  float[] row;
  float[] grad;
  float[] nextGrad;

  @Setup
  public void setUp() {
    kernels = twin.equals("scalar") ? KernelSelection.scalar() : KernelSelection.vector();
    Random r = new Random(1);
    prevU = new float[n];
    current = new float[n];
    for (int i = 0; i < n; i++) {
      prevU[i] = r.nextFloat();
      current[i] = r.nextFloat() * 0.8f;
    }
    u = new float[n];
    spikes = new long[(n + 63) / 64];
    w = new float[784 * 800];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextFloat() - 0.5f;
    }
    active = new int[784];
    int c = 0;
    for (int i = 0; i < 784; i++) {
      if (r.nextFloat() < 0.29f) {
        active[c++] = i;
      }
    }
    active = java.util.Arrays.copyOf(active, c);
    row = new float[800];
    grad = new float[n];
    nextGrad = new float[n];
    for (int i = 0; i < n; i++) {
      nextGrad[i] = (r.nextFloat() - 0.5f) * 0.01f;
    }
  }

  /** One reverse step of the LIF backward pass (not the last step: the temporal path is active). */
  @Benchmark
  public float[] lifBackwardStep() {
    kernels.lifBackwardStep(current, 0, nextGrad, 0, prevU, 0, current, 0, grad, 0, n, 0.2f, false, 0.5f);
    return grad;
  }

  @Benchmark
  public long[] lifStep() {
    System.arraycopy(current, 0, u, 0, n);
    kernels.lifStep(prevU, 0, u, 0, spikes, 0, n, 0.2f, 0.5f);
    return spikes;
  }

  /** One row's input current at the rate-coded input density (29% of 784 inputs). */
  @Benchmark
  public float[] eventDrivenRow() {
    java.util.Arrays.fill(row, 0f);
    kernels.addSelectedRows(w, 0, 800, active, 0, active.length, row, 0, 0, 800);
    return row;
  }
}
