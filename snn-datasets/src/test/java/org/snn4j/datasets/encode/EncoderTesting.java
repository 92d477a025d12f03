package org.snn4j.datasets.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.snn4j.api.SpikeEncoder;

/** Helpers for encoder tests: input patterns and batch encoding on a given number of threads. */
final class EncoderTesting {
  private EncoderTesting() {}

  /** {@code n} intensities covering [0, 1], with exact 0 and 1 among them. */
  static float[] ramp(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i * 37 % n) / (float) (n - 1);
    }
    return x;
  }

  /**
   * Encodes {@code samples} samples of {@code n} inputs ({@code inputsPerSample} floats each, e.g. {@code T·n} for
   * frame encoders) as a batch {@code [T][B][width]}, each sample with {@code streamKey(seed, epoch, index)},
   * split over {@code threads} threads as the training loop splits them.
   */
  static byte[] encodeBatch(SpikeEncoder enc, float[][] samples, int n, int timesteps, long seed, int epoch,
      int threads) throws Exception {
    int batch = samples.length;
    int width = enc.outputWidth(n);
    byte[] out = new byte[timesteps * batch * width];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      int per = (batch + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int b0 = t * per;
        int b1 = Math.min(batch, b0 + per);
        parts.add(pool.submit(() -> {
          for (int b = b0; b < b1; b++) {
            enc.encode(samples[b], 0, n, timesteps, SpikeEncoder.streamKey(seed, epoch, b), out, b * width,
                batch * width);
          }
        }));
      }
      for (Future<?> f : parts) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return out;
  }
}
