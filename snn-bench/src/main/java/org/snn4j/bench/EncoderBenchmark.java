package org.snn4j.bench;

import java.io.IOException;
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
import org.snn4j.api.Dataset;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.Split;
import org.snn4j.datasets.BuiltinSample;
import org.snn4j.datasets.encode.RateEncoder;

/**
 * Rate-encoding one batch of the README workload (100 Fashion-MNIST samples, 784 features, T=10) on one thread:
 * the part of a training or inference step that the PyTorch baseline times too (its Bernoulli draws) and that
 * {@link MlpBenchmark} leaves out. Draws per second = 784 000 / (s/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// the draws' vector twin needs the incubator module in the fork; a fixed heap keeps GC out of the comparison
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EncoderBenchmark {
  static final int BATCH = 100;
  static final int STEPS = 10;
  static final int FEATURES = 784;

  final SpikeEncoder encoder = new RateEncoder();
  float[] x;
  byte[] out;
  int batch;

  @Setup
  public void setUp() throws IOException {
    Dataset data = BuiltinSample.read(Split.TRAIN);
    x = new float[8 * BATCH * FEATURES];
    for (int i = 0; i < 8 * BATCH; i++) {
      data.features(i, x, i * FEATURES);
    }
    out = new byte[STEPS * BATCH * FEATURES];
  }

  /** One batch of 100 samples, spikes time-major {@code [T][B][784]} as the trainer takes them (Vector API draws). */
  @Benchmark
  public byte[] rateBatch() {
    return encodeBatch();
  }

  /** {@link #rateBatch} with the scalar spec of the draws: the same fork but for {@code -Dsnn.simd=scalar}. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g", "-Dsnn.simd=scalar"})
  public byte[] rateBatchScalar() {
    return encodeBatch();
  }

  private byte[] encodeBatch() {
    int k = batch++ & 7;
    for (int b = 0; b < BATCH; b++) {
      int index = k * BATCH + b;
      encoder.encode(x, index * FEATURES, FEATURES, STEPS, SpikeEncoder.streamKey(0, 1, index), out,
          b * FEATURES, BATCH * FEATURES);
    }
    return out;
  }
}
