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
 * One step of streaming inference ({@link org.snn4j.core.net.StreamSession#step(byte[])}) on one thread: the README
 * MLP or the reference SCNN, one sample or 16 advanced together, rate-coded Fashion-MNIST ({@link
 * StreamingWorkload}). Microseconds per step; per sample-step divide by {@code lanes}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// the Vector API needs the incubator module in the fork; a fixed heap keeps GC out of it (a step allocates nothing)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
// C2 needs tens of thousands of steps to compile the kernels into the step: 3 s of warm-up is several times that
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamingBenchmark {
  /** The README's 784-800-10 MLP, or the reference SCNN ({@code stbp-scnn}). */
  @Param({"mlp", "scnn"})
  String net;

  /** Samples advanced together by one step. */
  @Param({"1", "16"})
  int lanes;

  StreamingWorkload workload;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    workload = new StreamingWorkload(net, lanes, Kernels.get());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    workload.close();
  }

  @Benchmark
  public int step() {
    return workload.step();
  }
}
