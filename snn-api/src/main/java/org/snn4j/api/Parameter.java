package org.snn4j.api;

/**
 * A learnable tensor and its gradient, e.g. a layer's weights. Both arrays have the same length and are updated in
 * place by the trainer and the {@link Optimizer}.
 *
 * @param name a name unique within its network, e.g. {@code layer0.weight}
 * @param value the values
 * @param gradient dLoss/dvalue of the last backward pass
 */
public record Parameter(String name, float[] value, float[] gradient) {
  /** Checks that value and gradient have the same length. */
  public Parameter {
    if (value.length != gradient.length) {
      throw new IllegalArgumentException(name + ": value has " + value.length + " elements, gradient " + gradient.length);
    }
  }

  /** Number of elements. */
  public int size() {
    return value.length;
  }
}
