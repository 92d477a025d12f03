package org.snn4j.bench;

import java.io.IOException;
import org.snn4j.api.Dataset;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.Split;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StreamSession;
import org.snn4j.datasets.BuiltinSample;
import org.snn4j.datasets.encode.RateEncoder;

/**
 * Streaming inference's workload: a frozen network (the README's 784-800-10 MLP or the reference SCNN, initial
 * weights from seed 0 times {@link #GAIN}) and a stationary input ring, {@value #SAMPLES} rate-coded Fashion-MNIST test images of
 * T={@value #TIMESTEPS} steps from the built-in sample, fed {@code lanes} at a time, one step per call. Every
 * sample starts from rest: the session is reset at each sample's first step, so the ring repeats exactly.
 */
final class StreamingWorkload implements AutoCloseable {
  static final int TIMESTEPS = 10;
  static final int SAMPLES = 64;
  /**
   * The initial weights (PyTorch's default, seed 0) are multiplied by this so that spikes reach the top as in a
   * trained network: the SCNN's initial outputs are silent, which would make the layers above the first almost free.
   * With it the outputs fire at 14% (MLP) and 6% (SCNN) of their steps; the README's trained SCNN fires at 10%.
   */
  static final float GAIN = 2f;

  final StreamSession session;
  final int lanes;
  final int groups;
  /** {@code steps[g * T + t]}: step {@code t} of lanes group {@code g}, {@code [lanes][in]} bytes. */
  final byte[][] steps;
  private int next;

  StreamingWorkload(String net, int lanes, Kernels kernels) throws IOException {

    if (SAMPLES % lanes != 0) {
      throw new IllegalArgumentException(lanes + " lanes do not divide " + SAMPLES + " samples");
    }
    SequentialNet network = switch (net) {
      case "mlp" -> SequentialNet.mlp(MlpWorkload.SIZES, LifNeuron.PAPER, 0, kernels);
      case "scnn" -> NetSpec.parse("stbp-scnn").build(Shape.image(1, 28, 28), spec -> LifNeuron.PAPER, 0, kernels);
      default -> throw new IllegalArgumentException("net must be mlp or scnn, got " + net);
    };
    for (SpikingLayer l : network.spikingLayers()) {
      float[] w = l.weight();
      for (int i = 0; i < w.length; i++) {
        w[i] *= GAIN;
      }
    }
    this.lanes = lanes;
    this.groups = SAMPLES / lanes;
    this.session = FrozenNet.of(network).newStream(lanes);
    int in = network.inputSize();
    Dataset data = BuiltinSample.read(Split.TEST);
    SpikeEncoder encoder = new RateEncoder();
    float[] features = new float[in];
    byte[] sample = new byte[TIMESTEPS * in];
    steps = new byte[groups * TIMESTEPS][lanes * in];
    for (int s = 0; s < SAMPLES; s++) {
      data.features(s, features, 0);
      encoder.encode(features, 0, in, TIMESTEPS, SpikeEncoder.streamKey(0, 0, s), sample, 0, in);
      int g = s / lanes;
      int lane = s % lanes;
      for (int t = 0; t < TIMESTEPS; t++) {
        System.arraycopy(sample, t * in, steps[g * TIMESTEPS + t], lane * in, in);
      }
    }
  }

  /** The next step of the ring; returns the first lane's leading class (for the benchmark's sink). */
  int step() {
    int i = next;
    next = (next + 1) % steps.length;
    if (i % TIMESTEPS == 0) {
      session.reset();
    }
    session.step(steps[i]);
    return session.leader(0);
  }

  /** Output spikes of every lane so far in the current samples. */
  long outputSpikes() {
    long n = 0;
    for (int b = 0; b < lanes; b++) {
      for (int k = 0; k < session.outputSize(); k++) {
        n += session.spikeCount(b, k);
      }
    }
    return n;
  }

  @Override
  public void close() {
    session.close();
  }
}
