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
 * One STBP training step and one inference pass of the README model (784-800-10, T=10, batch 100), on pre-encoded
 * spikes ({@code trainStep}, {@code inferBatch}) and with the batch's rate encoding included ({@code ...Encoding}),
 * which is what the PyTorch baseline times. Samples/s = 100 / (ms/op) × 1000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// the Vector API needs the incubator module in the fork; a fixed heap keeps GC out of the comparison
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
// 5 s of warm-up gets C2 past the Vector API's slow interpreted start; 1 s iterations, each from the initial
// network, measure about the first 150 steps of training
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class MlpBenchmark {
  /** Worker threads; the machine has 2 cores. */
  @Param({"1", "2"})
  int threads;

  MlpWorkload workload;
  int step;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    workload = new MlpWorkload(threads, Kernels.get());
  }

  /** Every iteration measures the first steps of training from the initial network (see {@link MlpWorkload}). */
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

  /**
   * {@link #inferBatch} on a {@link org.snn4j.core.net.FrozenNet} of the same (initial) network, as an application
   * serving a trained model would run it: the frozen copy packs its weights once instead of at every batch.
   */
  @Benchmark
  public float[] inferFrozen() {
    return workload.inferFrozen(step++);
  }

  /** {@link #trainStep} plus the rate encoding of its batch, as the PyTorch baseline times its step. */
  @Benchmark
  public float trainStepEncoding() {
    return workload.trainEncoded(step++);
  }

  /** {@link #inferBatch} plus the rate encoding of its batch, as the PyTorch baseline times it. */
  @Benchmark
  public float[] inferBatchEncoding() {
    return workload.inferEncoded(step++);
  }
}
