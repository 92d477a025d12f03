package org.snn4j.core.conv;

import org.snn4j.core.layer.PixelLayout;
import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.layer.Activation;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikeBits;
import org.snn4j.core.layer.Tape;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Average or max pooling over each step's image ({@link PoolRows}): a layer without weights or neurons. Average
 * pooling of spikes outputs analog values (multiples of {@code 1/k²}); max pooling of spikes outputs spikes. Rows
 * are independent and split between threads.
 */
public final class Pool2d implements NetworkLayer {
  /** Which pooling. */
  public enum Kind {
    AVERAGE("avgpool"),
    MAX("maxpool");

    private final String token;

    Kind(String token) {
      this.token = token;
    }

    /** {@code avgpool} or {@code maxpool}. */
    public String token() {
      return token;
    }
  }

  private final Kind kind;
  private final PoolRows pool;
  private final Shape inputShape;
  private final Shape outputShape;

  /** Pooling of {@code geometry}. */
  public Pool2d(Kind kind, PoolGeometry geometry) {
    this.kind = kind;
    this.pool = new PoolRows(geometry);
    this.inputShape = Shape.image(geometry.channels(), geometry.height(), geometry.width());
    this.outputShape = Shape.image(geometry.channels(), geometry.outHeight(), geometry.outWidth());
  }

  /** Average or max. */
  public Kind kind() {
    return kind;
  }

  /** The window and input. */
  public PoolGeometry geometry() {
    return pool.geometry();
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
  public Pool2d copy() {
    return this; // immutable
  }

  @Override
  public Tape newTape(Tuning tuning) {
    return new PoolTape();
  }

  @Override
  public void forward(Activation input, Tape tape, WorkerPool workers) {
    PoolTape t = (PoolTape) tape;
    if (kind == Kind.MAX && !input.isSpikes()) {
      throw new IllegalArgumentException("max pooling takes spikes; put it after a spiking layer");
    }
    t.input = input;
    t.job.run(input, null, null, t, workers);
  }

  @Override
  public void backward(
      float[] gradOutput, Tape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool workers) {
    if (gradInput != null) {
      PoolTape t = (PoolTape) tape;
      t.job.run(t.input, gradOutput, gradInput, t, workers);
    }
  }

  /**
   * Runs max pooling alone on spikes {@code [T][B][in]} (channel-major, as datasets hold images) and returns its
   * spikes; average pooling outputs analog values, which a {@link SpikeTensor} cannot hold.
   */
  @Override
  public SpikeTensor forward(SpikeTensor input) {
    if (kind != Kind.MAX) {
      throw new IllegalStateException("average pooling outputs analog values, not spikes: run it in a SequentialNet");
    }
    if (input.size() != inputShape.size()) {
      throw new IllegalArgumentException(this + " expects " + inputShape.size() + " inputs, got " + input.size());
    }
    PixelLayout in = new PixelLayout(inputShape.dim(0), inputShape.dim(1), inputShape.dim(2));
    PixelLayout out = new PixelLayout(outputShape.dim(0), outputShape.dim(1), outputShape.dim(2));
    int rows = input.timesteps() * input.batch();
    int inWords = SpikeBits.words(in.size());
    int outWords = SpikeBits.words(out.size());
    long[] channelMajor = new long[inWords];
    long[] pixelMajor = new long[inWords];
    long[] pooled = new long[outWords];
    long[] result = new long[rows * outWords];
    byte[] data = input.data();
    for (int r = 0; r < rows; r++) {
      java.util.Arrays.fill(channelMajor, 0L);
      for (int i = 0; i < in.size(); i++) {
        if (data[r * in.size() + i] != 0) {
          channelMajor[i >>> 6] |= 1L << (i & 63);
        }
      }
      in.toPixelMajor(channelMajor, 0, pixelMajor, 0);
      pool.maxSpikes(pixelMajor, 0, pooled, 0);
      out.toChannelMajor(pooled, 0, result, r * outWords);
    }
    return new SpikeTensor(input.timesteps(), input.batch(), out.size(), SpikeBits.toBytes(result, rows, out.size()));
  }

  @Override
  public String toString() {
    return kind.token() + geometry().kernel() + (geometry().stride() == geometry().kernel() ? "" : "s"
        + geometry().stride()) + " " + inputShape + " → " + outputShape;
  }

  /** The input of the last forward pass (not owned) and the output. */
  private final class PoolTape extends Tape {
    private final Activation output = new Activation();
    private final PoolJob job = new PoolJob();
    private Activation input;
    private float[] analog = new float[0];
    private long[] bits = new long[0];

    @Override
    public void ensure(int timesteps, int batch) {
      super.ensure(timesteps, batch);
      int rows = Math.multiplyExact(timesteps, batch);
      if (kind == Kind.AVERAGE) {
        int need = Math.multiplyExact(rows, outputShape.size());
        if (analog.length < need) {
          analog = new float[need];
        }
        output.setAnalog(analog);
      } else {
        int need = Math.multiplyExact(rows, SpikeBits.words(outputShape.size()));
        if (bits.length < need) {
          bits = new long[need];
        }
        output.setBits(bits);
      }
    }

    @Override
    public Activation output() {
      return output;
    }

    @Override
    public long bytesPerSample() {
      return (long) timesteps * (kind == Kind.AVERAGE ? 4L * outputShape.size() : 8L * SpikeBits.words(outputShape.size()));
    }
  }

  /** One pass over rows: forward when {@code gradOutput} is null, else backward. */
  private final class PoolJob implements WorkerPool.RangeBody {
    private Activation input;
    private float[] gradOutput;
    private float[] gradInput;
    private PoolTape tape;

    void run(Activation input, float[] gradOutput, float[] gradInput, PoolTape tape, WorkerPool workers) {
      this.input = input;
      this.gradOutput = gradOutput;
      this.gradInput = gradInput;
      this.tape = tape;
      try {
        workers.forRange(tape.rows(), 8, this);
      } finally {
        this.input = null;
        this.gradOutput = null;
        this.gradInput = null;
      }
    }

    @Override
    public void run(int r0, int r1) {
      int in = inputShape.size();
      int out = outputShape.size();
      int inWords = SpikeBits.words(in);
      for (int r = r0; r < r1; r++) {
        if (gradOutput == null) {
          if (kind == Kind.MAX) {
            pool.maxSpikes(input.bits(), r * inWords, tape.bits, r * SpikeBits.words(out));
          } else if (input.isSpikes()) {
            pool.averageSpikes(input.bits(), r * inWords, tape.analog, r * out);
          } else {
            pool.averageAnalog(input.analog(), r * in, tape.analog, r * out);
          }
        } else if (kind == Kind.MAX) {
          pool.maxBackward(input.bits(), r * inWords, gradOutput, r * out, gradInput, r * in);
        } else {
          pool.averageBackward(gradOutput, r * out, gradInput, r * in);
        }
      }
    }
  }
}
