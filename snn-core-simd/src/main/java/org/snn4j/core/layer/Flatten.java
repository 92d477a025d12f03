package org.snn4j.core.layer;

import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A layer without weights or neurons that views its input, e.g. {@code [32,7,7]}, as a vector, {@code [1568]}: the
 * data are identical (activations are stored flat, row-major), only the shape changes. Its output is its input's
 * arrays, spikes or analog; its backward pass hands dL/d(output) down unchanged.
 */
public final class Flatten implements NetworkLayer {
  private final Shape inputShape;
  private final Shape outputShape;

  public Flatten(Shape inputShape) {
    this.inputShape = inputShape;
    this.outputShape = Shape.vector(inputShape.size());
  }

  @Override
  public Shape inputShape() {
    return inputShape;
  }

  @Override
  public Shape outputShape() {
    return outputShape;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public Flatten copy() {
    return this; // immutable
  }

  @Override
  public Tape newTape(Tuning tuning) {
    return new FlattenTape();
  }

  @Override
  public void forward(Activation input, Tape tape, WorkerPool pool) {
    FlattenTape t = (FlattenTape) tape;
    if (input.isSpikes()) {
      t.output.setBits(input.bits());
    } else {
      t.output.setAnalog(input.analog());
    }
  }

  @Override
  public void backward(
      float[] gradOutput, Tape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool pool) {
    if (gradInput != null) {
      System.arraycopy(gradOutput, 0, gradInput, 0, tape.rows() * outputShape.size());
    }
  }

  /** The same spikes, {@code [T][B][size]}. */
  @Override
  public SpikeTensor forward(SpikeTensor input) {
    if (input.size() != inputShape.size()) {
      throw new IllegalArgumentException("flatten expects " + inputShape.size() + " inputs, got " + input.size());
    }
    return input;
  }

  @Override
  public String toString() {
    return "flatten " + inputShape + " → " + outputShape;
  }

  /** Nothing to keep: the output is the input. */
  private static final class FlattenTape extends Tape {
    private final Activation output = new Activation();

    @Override
    public Activation output() {
      return output;
    }
  }
}
