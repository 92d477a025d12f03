package org.snn4j.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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

/**
 * One STBP training step and one inference pass of the reference code's SCNN ({@code --net stbp-scnn}: 32C3p1-LIF-AP2-
 * 32C3p1-LIF-AP2-128-LIF-10-LIF), T=10, batch 100, Adam 1e-3, rectangular a=1, rate-coded Fashion-MNIST from the
 * built-in sample; with the batch's encoding included ({@code ...Encoding}), as {@code stbp_torch_cnn.py --mode
 * bench} times it. Samples/s = 100 / (ms/op) × 1000. Each iteration starts again from the initial network, like
 * {@link MlpBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// the Vector API needs the incubator module in the fork; a fixed heap keeps GC out of the comparison
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms3g", "-Xmx3g"})
// a step takes up to a second before C2 has compiled the kernels: 10 s of warm-up
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScnnBenchmark {
  /** Worker threads; the machine has 2 cores. */
  @Param({"2"})
  int threads;

  MlpWorkload workload;
  int step;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    workload = MlpWorkload.scnn(threads, Kernels.get());
  }

  /** Every iteration measures the first steps of training from the initial network. */
  @Setup(Level.Iteration)
  public void restart() {
    workload.reset();
    step = 0;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    workload.close();
  }

  @Benchmark
  public float trainStep() {
    return workload.train(step++);
  }

  @Benchmark
  public float[] inferBatch() {
    return workload.infer(step++);
  }

  /** {@link #inferBatch} on a {@link org.snn4j.core.net.FrozenNet} of the initial network. */
  @Benchmark
  public float[] inferFrozen() {
    return workload.inferFrozen(step++);
  }

  /** {@link #trainStep} plus the rate encoding of its batch, as the PyTorch baseline times its step. */
  @Benchmark
  public float trainStepEncoding() {
    return workload.trainEncoded(step++);
  }

  /** {@link #inferBatch} plus the rate encoding of its batch. */
  @Benchmark
  public float[] inferBatchEncoding() {
    return workload.inferEncoded(step++);
  }
}
