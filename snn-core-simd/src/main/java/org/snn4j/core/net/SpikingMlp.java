package org.snn4j.core.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Network;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.memory.Footprint;

/**
 * A feed-forward stack of {@link DenseSpikingLayer}s, e.g. the STBP paper's 784-800-10 MLP. LIF neurons take the
 * vectorized {@link DenseLifLayer}; any other {@link NeuronModel} the generic {@link DenseNeuronLayer}.
 */
public final class SpikingMlp implements Network {
  private final List<DenseSpikingLayer> layers;
  private final NeuronModel neuron;
  private final int[] sizes;

  /**
   * A network with zero weights.
   *
   * @param sizes {@code [in, hidden..., out]}, at least two positive sizes
   */
  public SpikingMlp(int[] sizes, NeuronModel neuron, Kernels kernels) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("need at least an input and an output size, got " + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
      }
    }
    this.sizes = sizes.clone();
    this.neuron = neuron;
    List<DenseSpikingLayer> list = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      list.add(
          neuron instanceof LifNeuron lif
              ? new DenseLifLayer(l, sizes[l], sizes[l + 1], lif, kernels)
              : new DenseNeuronLayer(l, sizes[l], sizes[l + 1], neuron, kernels));
    }
    this.layers = List.copyOf(list);
  }

  /**
   * A network initialised like PyTorch's {@code nn.Linear}: weights and biases uniform in {@code ±1/sqrt(in)},
   * drawn from {@link SplitMix64} seeded with {@code seed}, layer by layer, weights then biases.
   */
  public static SpikingMlp initialized(int[] sizes, NeuronModel neuron, long seed, Kernels kernels) {
    SpikingMlp net = new SpikingMlp(sizes, neuron, kernels);
    SplitMix64 rng = new SplitMix64(seed);
    for (DenseSpikingLayer layer : net.layers) {
      float bound = (float) (1.0 / Math.sqrt(layer.inputSize()));
      for (float[] p : new float[][] {layer.weight(), layer.bias()}) {
        for (int i = 0; i < p.length; i++) {
          p[i] = (2f * rng.nextFloat() - 1f) * bound;
        }
      }
    }
    return net;
  }

  /**
   * Adds the arrays of a network of {@code sizes} to {@code f}: each layer's weights, biases, gradients and neuron
   * parameters, and when {@code trained} the transposed weights its backward pass makes.
   */
  public static void footprint(Footprint f, int[] sizes, NeuronModel neuron, boolean trained) {
    int neuronParameters = neuron instanceof LifNeuron ? 0 : neuron.parameterCount();
    for (int l = 0; l + 1 < sizes.length; l++) {
      DenseSpikingLayer.footprint(f, "layer " + l, sizes[l], sizes[l + 1], neuronParameters, trained && l > 0);
    }
  }

  @Override
  public List<DenseSpikingLayer> layers() {
    return layers;
  }

  /** {@code [in, hidden..., out]}. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** The neuron shared by every layer. */
  public NeuronModel neuron() {
    return neuron;
  }

  @Override
  public SpikeTensor forward(SpikeTensor input) {
    SpikeTensor x = input;
    for (DenseSpikingLayer layer : layers) {
      x = layer.forward(x);
    }
    return x;
  }
}
