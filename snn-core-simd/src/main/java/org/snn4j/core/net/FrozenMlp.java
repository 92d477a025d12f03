package org.snn4j.core.net;

import java.util.List;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A {@link SpikingMlp} frozen for inference: its weights, biases, neuron parameters and product paths are copied
 * when it is made, so training the original afterwards does not change it. Because its weights cannot change, each
 * {@link Session} packs a layer's weights for the event-driven sums once, at its first batch, instead of at every
 * forward pass as a trained network must (about 0.12 ms of a 1.8 ms batch of the README model).
 *
 * <p>A frozen network is immutable and may be shared between threads. Each thread runs it through its own {@link
 * Session}, which holds the per-batch workspaces; a session is not thread-safe. Sessions compute exactly what {@link
 * StbpTrainer#infer} computes on the network they were frozen from, bit for bit.
 *
 * <pre>{@code
 * FrozenMlp frozen = FrozenMlp.of(trainer.network());
 * try (WorkerPool pool = new WorkerPool(2)) {
 *   FrozenMlp.Session session = frozen.newSession(pool);
 *   session.infer(spikes, rates);   // rates [B][classes]: each output's spike count over T, divided by T
 * }
 * }</pre>
 */
public final class FrozenMlp {
  private final SpikingMlp network;

  private FrozenMlp(SpikingMlp network) {
    this.network = network;
  }

  /** A frozen copy of {@code source} as it is now. */
  public static FrozenMlp of(SpikingMlp source) {
    List<DenseSpikingLayer> from = source.layers();
    SpikingMlp copy = new SpikingMlp(source.sizes(), source.neuron(), from.get(0).kernels);
    for (int l = 0; l < from.size(); l++) {
      DenseSpikingLayer a = from.get(l);
      DenseSpikingLayer b = copy.layers().get(l);
      copyInto(a.weight(), b.weight(), "weights", l);
      copyInto(a.bias(), b.bias(), "biases", l);
      copyInto(a.neuronParameters(), b.neuronParameters(), "neuron parameters", l);
      b.setProductPath(a.productPath());
    }
    return new FrozenMlp(copy);
  }

  /**
   * Adds what freezing a network of {@code sizes} and running one session over batches of {@code timesteps × batch}
   * allocates: the copy ({@link #of}) and the session's workspaces.
   */
  public static void footprint(Footprint f, int[] sizes, NeuronModel neuron, int timesteps, int batch, boolean analog) {
    SpikingMlp.footprint(f, sizes, neuron, false);
    StbpTrainer.footprint(f, sizes, neuron, null, timesteps, batch, analog);
  }

  private static void copyInto(float[] src, float[] dst, String what, int layer) {
    if (src.length != dst.length) {
      // a layer whose neuron keeps a different number of parameters than a fresh one of the same kind
      throw new IllegalStateException(
          "layer " + layer + " has " + src.length + " " + what + ", a fresh copy has " + dst.length);
    }
    System.arraycopy(src, 0, dst, 0, src.length);
  }

  /** {@code [in, hidden..., out]}. */
  public int[] sizes() {
    return network.sizes();
  }

  /** A session on {@code pool}, which the caller owns and closes (a pool shared by sessions runs them in turn). */
  public Session newSession(WorkerPool pool) {
    return new Session(StbpTrainer.frozen(network, pool));
  }

  /** One thread's way of running the frozen network: its workspaces, sized at the first batch and reused. */
  public static final class Session {
    private final StbpTrainer trainer;

    private Session(StbpTrainer trainer) {
      this.trainer = trainer;
    }

    /** Output rates {@code [B][K]} (spike counts over T, divided by T) of input spikes {@code [T][B][in]}. */
    public void infer(SpikeTensor input, float[] ratesOut) {
      checkOut(input.batch(), ratesOut);
      trainer.infer(input, ratesOut);
    }

    /** Output rates {@code [B][K]} with analog input currents {@code [T][B][in]} fed to the first layer. */
    public void infer(FloatTensor input, float[] ratesOut) {
      checkOut(input.batch(), ratesOut);
      trainer.infer(input, ratesOut);
    }

    /** Number of spikes of each layer in this session's last batch. */
    public long[] lastSpikeCounts() {
      return trainer.lastSpikeCounts();
    }

    private void checkOut(int batch, float[] ratesOut) {
      int need = batch * trainer.network().outputSize();
      if (ratesOut.length < need) {
        throw new IllegalArgumentException(
            "ratesOut holds " + ratesOut.length + " floats, a batch of " + batch + " needs " + need);
      }
    }

    /** Forward passes of this session that packed a layer's weights (for tests: once per wide layer). */
    long weightPacks() {
      return trainer.weightPacks();
    }
  }
}
