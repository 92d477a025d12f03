package org.snn4j.bench;

import java.io.IOException;
import org.snn4j.api.Dataset;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginRegistry;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.Split;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.net.SpikingMlp;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Adam;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.datasets.BuiltinSample;
import org.snn4j.datasets.encode.RateEncoder;

/**
 * The README model's workload: the paper's 784-800-10 MLP, T=10, batch 100, Adam 1e-3, rectangular a=1, rate-coded
 * Fashion-MNIST from the built-in sample. A ring of pre-encoded batches keeps the input stationary (the spike
 * density of real data) while the benchmark measures only the network.
 */
final class MlpWorkload implements AutoCloseable {
  static final int[] SIZES = {784, 800, 10};
  static final int TIMESTEPS = 10;
  static final int BATCH = 100;
  static final int RING = 8;

  final WorkerPool pool;
  final StbpTrainer trainer;
  final SpikeTensor[] inputs = new SpikeTensor[RING];
  final int[][] labels = new int[RING][BATCH];
  final float[] rates = new float[BATCH * 10];
  final Dataset data;
  final SpikeEncoder encoder = new RateEncoder();
  final SpikeTensor fresh = new SpikeTensor(TIMESTEPS, BATCH, 784);
  final int[] freshLabels = new int[BATCH];
  /** One sample's features per pool thread (the ranges of {@code forRange} are fixed per thread). */
  final float[][] features;

  MlpWorkload(int threads, Kernels kernels) throws IOException {
    pool = new WorkerPool(threads);
    SpikingMlp net = SpikingMlp.initialized(SIZES, LifNeuron.PAPER, 0, kernels);
    trainer =
        new StbpTrainer(
            net,
            PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular:a=1")),
            new MseRateLoss(),
            new Adam(1e-3f),
            pool);
    data = BuiltinSample.read(Split.TRAIN);
    features = new float[threads][784];
    float[] x = new float[784];
    for (int k = 0; k < RING; k++) {
      inputs[k] = new SpikeTensor(TIMESTEPS, BATCH, 784);
      for (int b = 0; b < BATCH; b++) {
        int index = k * BATCH + b;
        data.features(index, x, 0);
        encoder.encode(x, 0, 784, TIMESTEPS, SpikeEncoder.streamKey(0, 1, index), inputs[k].data(), b * 784,
            BATCH * 784);
        labels[k][b] = data.label(index);
      }
    }
  }

  float train(int step) {
    int k = step % RING;
    return trainer.trainBatch(inputs[k], labels[k]);
  }

  float[] infer(int step) {
    trainer.infer(inputs[step % RING], rates);
    return rates;
  }

  /**
   * Encodes batch {@code step} of the built-in sample on the pool (features to floats, Bernoulli draws), as the
   * PyTorch baseline's timed step does, into {@link #fresh}.
   */
  SpikeTensor encode(int step) {
    int first = (step * BATCH) % (data.size() - BATCH + 1);
    pool.forRange(BATCH, BATCH / pool.threads(), (b0, b1) -> {
      float[] x = features[b0 * pool.threads() / BATCH];
      for (int b = b0; b < b1; b++) {
        data.features(first + b, x, 0);
        encoder.encode(x, 0, 784, TIMESTEPS, SpikeEncoder.streamKey(0, 1, first + b), fresh.data(), b * 784,
            BATCH * 784);
        freshLabels[b] = data.label(first + b);
      }
    });
    return fresh;
  }

  /** A training step including the encoding of its batch. */
  float trainEncoded(int step) {
    return trainer.trainBatch(encode(step), freshLabels);
  }

  /** An inference pass including the encoding of its batch. */
  float[] inferEncoded(int step) {
    trainer.infer(encode(step), rates);
    return rates;
  }

  @Override
  public void close() {
    pool.close();
  }
}
