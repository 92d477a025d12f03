package org.snn4j.runtime;

import org.snn4j.api.FloatTensor;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Classifies whole samples with a {@link SnnModel}: each sample encoded (or given as spikes) over the model's time
 * steps and run through the batch forward pass ({@link FrozenNet.Session#infer}). Not thread-safe: a predictor is
 * confined to one thread at a time and runs on the calling thread; make one per thread from the shared model.
 */
public final class Predictor implements AutoCloseable {
  private final SnnModel model;
  private final WorkerPool pool = new WorkerPool(1);
  private final FrozenNet.Session session;
  private final float[] rates;
  /** The layer whose spikes a prediction counts ({@link FrozenNet#lastSpikingLayer()}), or -1. */
  private final int counted;

  Predictor(SnnModel model) {
    this.model = model;
    this.session = model.network().newSession(pool);
    this.rates = new float[model.classes()];
    this.counted = model.network().lastSpikingLayer();
  }

  /**
   * Encodes {@code features} with the model's encoder and classifies them.
   *
   * @param features the sample's features, e.g. pixel intensities in [0, 1]
   * @param key the encoder's random stream, e.g. {@link org.snn4j.api.SpikeEncoder#streamKey}{@code (seed, 0,
   *     index)}, which {@code snn eval --seed} uses for the test sample {@code index}
   * @return the class, the class scores and spike counts, as {@code snn eval} computes them ({@link SnnModel})
   * @throws IllegalArgumentException if the features do not fit the network's input
   */
  public Prediction predict(float[] features, long key) {
    int steps = model.timesteps();
    if (model.encoder().producesCurrents()) {
      float[] currents = model.encodeCurrents(features, key);
      session.infer(new FloatTensor(steps, 1, model.inputSize(), currents), rates);
    } else {
      session.infer(new SpikeTensor(steps, 1, model.inputSize(), model.encode(features, key)), rates);
    }
    return prediction(steps);
  }

  /**
   * Classifies a sample given as spikes.
   *
   * @param spikes {@code [T][inputSize]} 0/1 bytes, step {@code t} at {@code t * inputSize}, any {@code T >= 1}
   * @return the class, the class scores and spike counts over the {@code T} steps
   * @throws IllegalArgumentException if the length is not a multiple of the input size
   */
  public Prediction predictSpikes(byte[] spikes) {
    int in = model.inputSize();
    if (spikes.length == 0 || spikes.length % in != 0) {
      throw new IllegalArgumentException(
          "spikes hold " + spikes.length + " values, not a whole number of steps of " + in + " inputs");
    }
    int steps = spikes.length / in;
    session.infer(new SpikeTensor(steps, 1, in, spikes), rates);
    return prediction(steps);
  }

  private Prediction prediction(int steps) {
    int[] counts = new int[0];
    SpikeTensor spikes = counted < 0 ? null : session.lastSpikes(counted);
    if (spikes != null) {
      counts = new int[spikes.size()];
      byte[] s = spikes.data();
      for (int i = 0; i < s.length; i++) {
        counts[i % counts.length] += s[i]; // [T][1][n]: neuron i % n
      }
    }
    return Prediction.ofScores(rates, counts, steps);
  }

  /** Releases the predictor's workspaces; it must not predict afterwards. */
  @Override
  public void close() {
    pool.close();
  }
}
