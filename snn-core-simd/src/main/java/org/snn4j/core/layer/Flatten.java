package org.snn4j.core.layer;

import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A layer without weights or neurons that views its input, e.g. {@code [32,7,7]}, as a vector, {@code [1568]}, in
 * channel-major order ({@code (c·H + y)·W + x}), as PyTorch's {@code flatten} does. Inside the network an image of
 * several channels is stored pixel-major ({@link PixelLayout}), so for one the rows are reordered here, and the
 * gradient back; a vector or a one-channel image is only viewed: the output is the input's arrays, and the backward
 * pass hands dL/d(output) down unchanged.
 */
public final class Flatten implements NetworkLayer {
  private final Shape inputShape;
  private final Shape outputShape;
  /** The reordering of a multi-channel image, or null when the data stay as they are. */
  private final PixelLayout layout;

  public Flatten(Shape inputShape) {
    this.inputShape = inputShape;
    this.outputShape = Shape.vector(inputShape.size());
    this.layout = inputShape.rank() == 3 && inputShape.dim(0) > 1
        ? new PixelLayout(inputShape.dim(0), inputShape.dim(1), inputShape.dim(2))
        : null;
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
    if (layout == null) {
      if (input.isSpikes()) {
        t.output.setBits(input.bits());
      } else {
        t.output.setAnalog(input.analog());
      }
      return;
    }
    t.job.run(input, null, null, t, pool);
  }

  @Override
  public void backward(
      float[] gradOutput, Tape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool pool) {
    if (gradInput == null) {
      return;
    }
    if (layout == null) {
      System.arraycopy(gradOutput, 0, gradInput, 0, tape.rows() * outputShape.size());
    } else {
      FlattenTape t = (FlattenTape) tape;
      t.job.run(null, gradOutput, gradInput, t, pool);
    }
  }

  /** The same spikes, {@code [T][B][size]}: datasets hold images channel-major, which is flatten's order. */
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

  /** The reordered output of a multi-channel image; nothing for a view. */
  private final class FlattenTape extends Tape {
    private final Activation output = new Activation();
    private final ReorderJob job = new ReorderJob();
    private long[] bits = new long[0];
    private float[] analog = new float[0];

    @Override
    public Activation output() {
      return output;
    }

    long[] bits(int rows) {
      int need = Math.multiplyExact(rows, SpikeBits.words(outputShape.size()));
      if (bits.length < need) {
        bits = new long[need];
      }
      return bits;
    }

    float[] analog(int rows) {
      int need = Math.multiplyExact(rows, outputShape.size());
      if (analog.length < need) {
        analog = new float[need];
      }
      return analog;
    }
  }

  /** Reorders rows: the input to channel-major (forward, {@code gradOutput} null) or the gradient back. */
  private final class ReorderJob implements WorkerPool.RangeBody {
    private Activation input;
    private float[] gradOutput;
    private float[] gradInput;
    private FlattenTape tape;

    void run(Activation input, float[] gradOutput, float[] gradInput, FlattenTape tape, WorkerPool pool) {
      this.input = input;
      this.gradOutput = gradOutput;
      this.gradInput = gradInput;
      this.tape = tape;
      if (input != null) {
        if (input.isSpikes()) {
          tape.output.setBits(tape.bits(tape.rows()));
        } else {
          tape.output.setAnalog(tape.analog(tape.rows()));
        }
      }
      try {
        pool.forRange(tape.rows(), 8, this);
      } finally {
        this.input = null;
        this.gradOutput = null;
        this.gradInput = null;
      }
    }

    @Override
    public void run(int r0, int r1) {
      int n = outputShape.size();
      int words = SpikeBits.words(n);
      for (int r = r0; r < r1; r++) {
        if (gradOutput != null) {
          layout.toPixelMajor(gradOutput, r * n, gradInput, r * n);
        } else if (input.isSpikes()) {
          layout.toChannelMajor(input.bits(), r * words, tape.output.bits(), r * words);
        } else {
          layout.toChannelMajor(input.analog(), r * n, tape.output.analog(), r * n);
        }
      }
    }
  }
}
