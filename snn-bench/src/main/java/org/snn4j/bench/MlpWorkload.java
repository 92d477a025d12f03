package org.snn4j.bench;

import java.io.IOException;
import org.snn4j.api.Dataset;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.Split;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Adam;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.datasets.BuiltinSample;
import org.snn4j.datasets.encode.RateEncoder;
import org.snn4j.plugins.PluginRegistry;

/**
 * The README model's workload: the paper's 784-800-10 MLP, T=10, batch 100, Adam 1e-3, rectangular a=1, rate-coded
 * Fashion-MNIST from the built-in sample (6,000 training images, 60 batches); or the same for another network on
 * 28×28 images ({@link #scnn}: the reference code's SCNN).
 *
 * <p>The cost of a training step depends on how far training has got: once the network gets a sample right, the
 * rate loss gives it a zero gradient, and the backward pass skips it. So {@link #reset} restores the freshly
 * initialised network and optimizer, and the benchmarks call it before every measured iteration: each iteration
 * measures the same first steps of training, on batches in the same order, as the PyTorch baseline measures the
 * first batches of its training. (Training on a few batches over and over instead memorises them, and the step gets
 * faster and faster.)
 */
final class MlpWorkload implements AutoCloseable {
  static final int[] SIZES = {784, 800, 10};
  static final int TIMESTEPS = 10;
  static final int BATCH = 100;

  final WorkerPool pool;
  final Kernels kernels;
  final SurrogateGradient surrogate;
  final StbpTrainer trainer;
  final SequentialNet net;
  final Adam adam = new Adam(1e-3f);
  /** The initial weights and biases, layer after layer. */
  final float[][] initial;
  final Dataset data;
  final int batches;
  /** Every batch of the sample, rate-encoded once: {@code inputs[k]} holds samples {@code k·100 .. k·100+99}. */
  final SpikeTensor[] inputs;
  final int[][] labels;
  final float[] rates;
  final SpikeEncoder encoder = new RateEncoder();
  final int in;
  final SpikeTensor fresh;
  final int[] freshLabels = new int[BATCH];
  /** One sample's features per pool thread (the ranges of {@code forRange} are fixed per thread). */
  final float[][] features;
  /** The initial network frozen for inference ({@link FrozenNet}): it packs its weights once, not every batch. */
  final FrozenNet.Session frozen;

  MlpWorkload(int threads, Kernels kernels) throws IOException {
    this(threads, kernels, SequentialNet.mlp(SIZES, LifNeuron.PAPER, 0, kernels));
  }

  /** The workload for the reference code's SCNN ({@code --net stbp-scnn}, seed 0). */
  static MlpWorkload scnn(int threads, Kernels kernels) throws IOException {
    return new MlpWorkload(threads, kernels, NetSpec.parse("stbp-scnn").build(Shape.image(1, 28, 28),
        spec -> LifNeuron.PAPER, 0, kernels));
  }

  MlpWorkload(int threads, Kernels kernels, SequentialNet network) throws IOException {
    this.pool = new WorkerPool(threads);
    this.in = network.inputSize();
    this.fresh = new SpikeTensor(TIMESTEPS, BATCH, in);
    this.rates = new float[BATCH * network.outputSize()];
    this.kernels = kernels;
    this.surrogate =
        PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular:a=1"));
    this.data = BuiltinSample.read(Split.TRAIN);
    this.features = new float[threads][in];
    this.batches = data.size() / BATCH;
    this.inputs = new SpikeTensor[batches];
    this.labels = new int[batches][];
    for (int k = 0; k < batches; k++) {
      encode(k);
      inputs[k] = new SpikeTensor(TIMESTEPS, BATCH, in, fresh.data().clone());
      labels[k] = freshLabels.clone();
    }
    net = network;
    trainer = new StbpTrainer(net, surrogate, new MseRateLoss(), adam, pool);
    initial = new float[2 * net.spikingLayers().size()][];
    for (int l = 0; l < net.spikingLayers().size(); l++) {
      initial[2 * l] = net.spikingLayers().get(l).weight().clone();
      initial[2 * l + 1] = net.spikingLayers().get(l).bias().clone();
    }
    frozen = FrozenNet.of(net).newSession(pool);
  }

  /**
   * Back to the initial network (seed 0) and a fresh optimizer, in place: a new trainer would allocate its
   * workspaces again in the first measured step.
   */
  void reset() {
    for (int l = 0; l < net.spikingLayers().size(); l++) {
      float[] w = net.spikingLayers().get(l).weight();
      float[] b = net.spikingLayers().get(l).bias();
      System.arraycopy(initial[2 * l], 0, w, 0, w.length);
      System.arraycopy(initial[2 * l + 1], 0, b, 0, b.length);
    }
    adam.reset();
  }

  /** Training step {@code step}: batch {@code step mod 60}, pre-encoded. */
  float train(int step) {
    int k = step % batches;
    return trainer.trainBatch(inputs[k], labels[k]);
  }

  float[] infer(int step) {
    trainer.infer(inputs[step % batches], rates);
    return rates;
  }

  /** {@link #infer} on the frozen copy of the initial network. */
  float[] inferFrozen(int step) {
    frozen.infer(inputs[step % batches], rates);
    return rates;
  }

  /**
   * Encodes batch {@code step mod 60} on the pool (features to floats, Bernoulli draws), as the PyTorch baseline's
   * timed step does, into {@link #fresh}.
   */
  SpikeTensor encode(int step) {
    int first = step % batches * BATCH;
    pool.forRange(BATCH, BATCH / pool.threads(), (b0, b1) -> {
      float[] x = features[b0 * pool.threads() / BATCH];
      for (int b = b0; b < b1; b++) {
        data.features(first + b, x, 0);
        encoder.encode(x, 0, in, TIMESTEPS, SpikeEncoder.streamKey(0, 1, first + b), fresh.data(), b * in,
            BATCH * in);
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
