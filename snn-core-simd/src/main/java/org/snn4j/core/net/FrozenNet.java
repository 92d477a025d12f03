package org.snn4j.core.net;

import java.util.List;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.Tuning;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.SpikingTape;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A {@link SequentialNet} frozen for inference: its layers' parameters and settings are copied when it is made, so
 * training the original afterwards does not change it. Because its weights cannot change, each {@link Session}
 * packs a layer's weights for the event-driven sums once, at its first batch, instead of at every forward pass as a
 * trained network must.
 *
 * <p>A frozen network is immutable and may be shared between threads. Each thread runs it through its own {@link
 * Session}, which holds the per-batch workspaces; a session is not thread-safe. Sessions run the same forward pass
 * as {@link StbpTrainer#infer} ({@link NetworkForward}) and compute exactly what it computes on the network they
 * were frozen from, bit for bit.
 *
 * <pre>{@code
 * FrozenNet frozen = FrozenNet.of(trainer.network());
 * try (WorkerPool pool = new WorkerPool(2)) {
 *   FrozenNet.Session session = frozen.newSession(pool);
 *   session.infer(spikes, rates);   // [B][classes]: the readout's scores, by default spike counts over T, / T
 * }
 * }</pre>
 */
public final class FrozenNet {
  private final SequentialNet network;
  private final Tuning tuning;

  private FrozenNet(SequentialNet network, Tuning tuning) {
    this.network = network;
    this.tuning = tuning;
  }

  /** A frozen copy of {@code source} as it is now, tuned by {@link Tuning#system()}. */
  public static FrozenNet of(SequentialNet source) {
    return of(source, Tuning.system());
  }

  /** A frozen copy of {@code source} as it is now. */
  public static FrozenNet of(SequentialNet source, Tuning tuning) {
    return new FrozenNet(source.copy(), tuning);
  }

  /**
   * Adds what freezing an MLP of {@code sizes} and running one session over batches of {@code timesteps × batch}
   * allocates: the copy ({@link #of}: weights, biases and their gradients, no transposed weights) and the
   * session's forward pass.
   */
  public static void footprint(Footprint f, int[] sizes, NeuronModel neuron, Tuning tuning, int timesteps, int batch,
      boolean analog) {
    SequentialNet.footprint(f, sizes, neuron, false);
    NetworkForward.footprint(f, sizes, neuron, null, tuning, timesteps, batch, analog);
  }

  /** The flat sizes of the layers ({@link SequentialNet#sizes()}): an MLP's {@code [in, hidden..., out]}. */
  public int[] sizes() {
    return network.sizes();
  }

  /** How the class scores come from the last layer ({@link SequentialNet#readout()}). */
  public Readout readout() {
    return network.readout();
  }

  /** The classes scored, {@code K} of the sessions' {@code [B][K]} scores ({@link SequentialNet#classCount()}). */
  public int classCount() {
    return network.classCount();
  }

  /**
   * The index of the last layer whose neurons run, or -1 when none does: the last layer, except with the membrane
   * readout, whose last layer only integrates its currents; then the last spiking layer before it.
   */
  public int lastSpikingLayer() {
    List<NetworkLayer> layers = network.layers();
    int l = layers.size() - 1;
    if (network.readout().membrane()) {
      l--;
    }
    while (l >= 0 && !(layers.get(l) instanceof SpikingLayer)) {
      l--;
    }
    return l;
  }

  /** A session on {@code pool}, which the caller owns and closes (a pool shared by sessions runs them in turn). */
  public Session newSession(WorkerPool pool) {
    NetworkForward pass = new NetworkForward(network, tuning, pool);
    pass.freezeWeights();
    return new Session(network, pass);
  }

  /**
   * A streaming session of {@code lanes} samples advanced together, one time step per call ({@link StreamSession});
   * it runs on the calling thread and is confined to one thread at a time.
   *
   * @throws UnsupportedOperationException for a network with a layer that keeps state across steps besides its
   *     neurons (NeuNorm), naming the layer
   */
  public StreamSession newStream(int lanes) {
    return new StreamSession(network, tuning, lanes);
  }

  /** One thread's way of running the frozen network: its workspaces, sized at the first batch and reused. */
  public static final class Session {
    private final SequentialNet network;
    private final NetworkForward pass;

    private Session(SequentialNet network, NetworkForward pass) {
      this.network = network;
      this.pass = pass;
    }

    /**
     * The class scores {@code [B][K]} of input spikes {@code [T][B][in]}, by the network's {@link Readout}: with the
     * rate readout the output rates (spike counts over T, divided by T), with {@code vote:N} each class's voters'
     * mean rate, with {@code membrane} the mean of the integrator's {@code U} over T.
     */
    public void infer(SpikeTensor input, float[] ratesOut) {
      check(input.size(), input.batch(), ratesOut);
      pass.forward(input.timesteps(), input.batch(), input.data(), null, false);
      System.arraycopy(pass.rates(), 0, ratesOut, 0, input.batch() * network.classCount());
    }

    /** The class scores {@code [B][K]} with analog input currents {@code [T][B][in]} fed to the first layer. */
    public void infer(FloatTensor input, float[] ratesOut) {
      check(input.size(), input.batch(), ratesOut);
      pass.forward(input.timesteps(), input.batch(), null, input.data(), false);
      System.arraycopy(pass.rates(), 0, ratesOut, 0, input.batch() * network.classCount());
    }

    /**
     * Spikes of layer {@code l} in this session's last batch, {@code [T][B][out]} (a copy), or null when layer
     * {@code l} has no neurons (pooling, flatten, dropout) or does not run them (a membrane readout's layer). A conv
     * layer's outputs are in its pixel-major order.
     */
    public SpikeTensor lastSpikes(int l) {
      boolean readout = l == pass.layerCount() - 1 && network.readout().membrane();
      if (readout || !(pass.tape(l) instanceof SpikingTape tape)) {
        return null;
      }
      int out = network.layers().get(l).outputSize();
      return new SpikeTensor(tape.timesteps(), tape.batch(), out, SpikeBits.toBytes(tape.spikes(), tape.rows(), out));
    }

    /** Number of spikes of each layer in this session's last batch. */
    public long[] lastSpikeCounts() {
      return pass.lastSpikeCounts();
    }

    private void check(int size, int batch, float[] ratesOut) {
      int need = batch * network.classCount();
      if (ratesOut.length < need) {
        throw new IllegalArgumentException(
            "ratesOut holds " + ratesOut.length + " floats, a batch of " + batch + " needs " + need);
      }
      if (size != network.inputSize()) {
        throw new IllegalArgumentException("network expects " + network.inputSize() + " inputs, got " + size);
      }
    }

    /** Forward passes of this session that packed a layer's weights (for tests: once per wide layer). */
    long weightPacks() {
      return pass.weightPacks();
    }
  }
}
