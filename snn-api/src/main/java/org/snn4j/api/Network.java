package org.snn4j.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A feed-forward stack of spiking layers. */
public interface Network {
  /** The layers, input side first. */
  List<? extends Layer> layers();

  /** Input size of the first layer. */
  default int inputSize() {
    return layers().get(0).inputSize();
  }

  /** Output size (class count) of the last layer. */
  default int outputSize() {
    return layers().get(layers().size() - 1).outputSize();
  }

  /** Runs every layer; returns the last layer's spikes {@code [T][B][out]}. */
  SpikeTensor forward(SpikeTensor input);

  /** Every learnable parameter, layer by layer. */
  default List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    for (Layer l : layers()) {
      all.addAll(l.parameters());
    }
    return Collections.unmodifiableList(all);
  }
}
