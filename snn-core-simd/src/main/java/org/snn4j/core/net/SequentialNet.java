package org.snn4j.core.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snn4j.api.Network;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.Tuning;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.NeuronDynamics;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.SpikingTape;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A feed-forward sequence of {@link NetworkLayer}s, each taking the previous one's output; e.g. the STBP paper's
 * 784-800-10 MLP ({@link #mlp}), or conv, pooling, flatten and dense layers. Trained by {@link StbpTrainer}, run
 * for inference by {@link FrozenNet}; both through one forward pass ({@link NetworkForward}).
 */
public final class SequentialNet implements Network {
  private final List<NetworkLayer> layers;
  private Readout readout = Readout.RATE;

  /** A network of {@code layers}, input side first; each layer's input shape must be the previous one's output. */
  public SequentialNet(List<? extends NetworkLayer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    for (int l = 1; l < layers.size(); l++) {
      if (!layers.get(l).inputShape().equals(layers.get(l - 1).outputShape())) {
        throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inputShape() + ", layer " + (l - 1)
            + " gives " + layers.get(l - 1).outputShape());
      }
    }
    this.layers = List.copyOf(layers);
  }

  /**
   * An MLP of dense spiking layers with zero weights: LIF neurons take the vectorized dynamics, any other {@link
   * NeuronModel} the scalar contract ({@link NeuronDynamics#of}).
   *
   * @param sizes {@code [in, hidden..., out]}, at least two positive sizes
   */
  public static SequentialNet mlp(int[] sizes, NeuronModel neuron, Kernels kernels) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("need at least an input and an output size, got " + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
      }
    }
    List<SpikingLayer> list = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      list.add(new SpikingLayer(
          l, new DenseSynapse(sizes[l], sizes[l + 1], kernels), NeuronDynamics.of(neuron, sizes[l + 1], kernels),
          kernels));
    }
    return new SequentialNet(list);
  }

  /**
   * An MLP initialised like PyTorch's {@code nn.Linear}: weights and biases uniform in {@code ±1/sqrt(in)}, drawn
   * from {@link SplitMix64} seeded with {@code seed}, layer by layer, weights then biases.
   */
  public static SequentialNet mlp(int[] sizes, NeuronModel neuron, long seed, Kernels kernels) {
    SequentialNet net = mlp(sizes, neuron, kernels);
    SplitMix64 rng = new SplitMix64(seed);
    for (NetworkLayer layer : net.layers) {
      SpikingLayer dense = (SpikingLayer) layer;
      float bound = (float) (1.0 / Math.sqrt(dense.inputSize()));
      for (float[] p : new float[][] {dense.weight(), dense.bias()}) {
        for (int i = 0; i < p.length; i++) {
          p[i] = (2f * rng.nextFloat() - 1f) * bound;
        }
      }
    }
    return net;
  }

  /**
   * Adds the arrays of an MLP of {@code sizes} ({@link #mlp}) to {@code f}: each layer's weights, biases, their
   * gradients and the neuron's parameters, and when {@code trained} the transposed weights the backward pass of
   * every layer above the first makes.
   */
  public static void footprint(Footprint f, int[] sizes, NeuronModel neuron, boolean trained) {
    for (int l = 0; l + 1 < sizes.length; l++) {
      String layer = "layer " + l;
      DenseSynapse.footprint(f, layer, sizes[l], sizes[l + 1], trained && l > 0);
      NeuronDynamics.footprint(f, layer, neuron);
    }
  }

  @Override
  public List<NetworkLayer> layers() {
    return layers;
  }

  /** Whether every layer is a dense spiking layer without normalization: an MLP, which the v1 model file stores. */
  public boolean isMlp() {
    for (NetworkLayer l : layers) {
      if (!(l instanceof SpikingLayer s && s.synapse() instanceof DenseSynapse && s.norm() == null)) {
        return false;
      }
    }
    return true;
  }

  /** The flat sizes {@code [in, out_0, out_1, ...]}: an MLP's {@code [in, hidden..., out]}. */
  public int[] sizes() {
    int[] s = new int[layers.size() + 1];
    s[0] = layers.get(0).inputSize();
    for (int l = 0; l < layers.size(); l++) {
      s[l + 1] = layers.get(l).outputSize();
    }
    return s;
  }

  /** The neuron of the first spiking layer (an MLP's, shared by every layer), or null when it has none. */
  public NeuronModel neuron() {
    for (NetworkLayer l : layers) {
      if (l.neuron() != null) {
        return l.neuron();
      }
    }
    return null;
  }

  /** The spiking layers, input side first. */
  public List<SpikingLayer> spikingLayers() {
    List<SpikingLayer> list = new ArrayList<>();
    for (NetworkLayer l : layers) {
      if (l instanceof SpikingLayer s) {
        list.add(s);
      }
    }
    return list;
  }

  /** A copy with its own parameters, equal to these now, and the same settings (the readout too). */
  public SequentialNet copy() {
    List<NetworkLayer> copies = new ArrayList<>();
    for (NetworkLayer l : layers) {
      copies.add(l.copy());
    }
    SequentialNet copy = new SequentialNet(copies);
    copy.readout = readout;
    return copy;
  }

  /** How the class scores come from the last layer; {@link Readout#RATE} unless set. */
  public Readout readout() {
    return readout;
  }

  /**
   * Sets how the class scores come from the last layer (before a trainer or frozen copy is made from this network).
   *
   * @throws IllegalArgumentException for a membrane readout when the last layer is not a spiking layer (it needs
   *     the last layer's synaptic currents), or a vote whose group size does not divide the last layer
   */
  public void setReadout(Readout readout) {
    if (readout.membrane() && !(layers.get(layers.size() - 1) instanceof SpikingLayer)) {
      throw new IllegalArgumentException("the membrane readout needs a dense or conv layer last, not "
          + layers.get(layers.size() - 1).getClass().getSimpleName());
    }
    if (outputSize() % readout.group() != 0) {
      throw new IllegalArgumentException("readout " + readout + " needs a last layer of a multiple of "
          + readout.group() + " neurons (classes × " + readout.group() + "), got " + outputSize());
    }
    this.readout = readout;
  }

  /** The classes the network scores: its outputs, or {@code outputs / N} with a {@code vote:N} readout. */
  public int classCount() {
    return readout.classes(outputSize());
  }

  /** Runs every layer from rest on one thread; returns the last layer's spikes {@code [T][B][out]}. */
  @Override
  public SpikeTensor forward(SpikeTensor input) {
    try (WorkerPool serial = new WorkerPool(1)) {
      NetworkForward pass = new NetworkForward(this, Tuning.system(), serial);
      pass.forward(input.timesteps(), input.batch(), input.data(), null, false);
      SpikingTape last = (SpikingTape) pass.tape(layers.size() - 1);
      int out = outputSize();
      return new SpikeTensor(input.timesteps(), input.batch(), out,
          org.snn4j.core.layer.SpikeBits.toBytes(last.spikes(), last.rows(), out));
    }
  }
}
