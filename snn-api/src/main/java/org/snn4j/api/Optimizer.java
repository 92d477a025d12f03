package org.snn4j.api;

import java.util.List;

/** Updates parameters in place from their gradients. Keeps its own state (momentum, moments) per parameter. */
public interface Optimizer {
  /** {@code sgd} or {@code adam}. */
  String name();

  /** One update of every parameter from its current gradient. Always pass the same list, in the same order. */
  void step(List<Parameter> parameters);

  /** The current learning rate. */
  float learningRate();

  /** Changes the learning rate, e.g. for a schedule. */
  void setLearningRate(float learningRate);
}
