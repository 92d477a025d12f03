package org.snn4j.core.layer;

import java.util.List;
import org.snn4j.api.Layer;
import org.snn4j.api.Parameter;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/**
 * The contract every layer of a {@link org.snn4j.core.net.SequentialNet} implements: spiking layers (a {@link
 * Synapse} plus {@link NeuronDynamics}, {@link SpikingLayer}) and layers without weights or neurons ({@link
 * Flatten}; pooling, dropout and normalization the same way).
 *
 * <p>A layer runs over all {@code T·B} rows of a batch at once (row {@code r = t·B + b}): {@link #forward} from the
 * previous layer's {@link Activation} (spikes as bits, or analog values) to its own, kept on its {@link Tape};
 * {@link #backward} from dL/d(output) {@code [rows][outputShape.size]} to its parameters' gradients ({@link
 * Parameter#gradient()}) and, when asked, dL/d(input) {@code [rows][inputShape.size]}. The same forward pass serves
 * training and inference. Every output element is computed by one task in an order independent of the thread
 * count, so results do not depend on it.
 */
public interface NetworkLayer extends Layer {
  /** One sample's input at one step. */
  Shape inputShape();

  /** One sample's output at one step. */
  Shape outputShape();

  @Override
  default int inputSize() {
    return inputShape().size();
  }

  @Override
  default int outputSize() {
    return outputShape().size();
  }

  /** The learnable parameters (live), empty for a stateless layer. */
  @Override
  List<Parameter> parameters();

  /**
   * The arrays a model file stores for this layer, in file order (live): by default its parameters' values; a layer
   * that keeps statistics besides its parameters (a batch normalization's running mean and variance) adds them.
   */
  default List<StoredArray> storedArrays() {
    return parameters().stream().map(p -> new StoredArray(p.name(), p.value())).toList();
  }

  /**
   * Whether a sample's output depends on the other samples of the batch in training (a batch normalization): then
   * the gradients below this layer are not zero for a sample whose loss gradient is, and the trainer must not let
   * the layers below skip such samples ({@link Tape#setLiveSamples}).
   */
  default boolean mixesSamples() {
    return false;
  }

  /** A tape for this layer's passes, tuned by {@code tuning}. */
  Tape newTape(Tuning tuning);

  /**
   * Forward over all rows of {@code tape} (already {@link Tape#ensure sized}); leaves what the backward pass needs,
   * and the output ({@link Tape#output()}), on the tape.
   */
  void forward(Activation input, Tape tape, WorkerPool pool);

  /**
   * Backward over the rows of {@code tape}, after {@link #forward}: the parameters' gradients, and dL/d(input).
   *
   * @param gradOutput dLoss/d(output) from the layer above or the loss, {@code [rows][outputShape.size]}
   * @param gradInput receives dLoss/d(input), {@code [rows][inputShape.size]}; {@code null} for the first layer
   */
  void backward(
      float[] gradOutput, Tape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool pool);

  /** A copy with its own parameters, equal to this layer's now, and the same settings. */
  NetworkLayer copy();
}
