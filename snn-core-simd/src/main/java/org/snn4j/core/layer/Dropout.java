package org.snn4j.core.layer;

import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Inverted dropout with one mask per sample, held for all {@code T} steps (the mask of a spiking network's dropout
 * must not change within a sample, or it only adds noise to the rates): in training, element {@code i} of sample
 * {@code b} is kept with probability {@code 1 − p} and scaled by {@code 1/(1 − p)}, at every step, so the output is
 * analog; at inference ({@link Tape#training()} false) the input passes through unchanged, spikes stay spikes. The
 * backward pass is {@code dL/dx = mask/(1 − p) · dL/dy}.
 *
 * <p>The masks come from a counter-based hash ({@link #kept}) of the seed, the layer's index in its network, the
 * number of training batches this layer has seen, the sample and the element, so they are the same whatever the
 * thread count and need no generator state but the batch counter.
 */
public final class Dropout implements NetworkLayer {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final Shape shape;
  private final double p;
  private final long seed;
  private final int index;
  private final float scale;
  /** An element is dropped when the top 53 bits of its hash are below this: probability {@code p}. */
  private final long dropBelow;
  /**
   * Training forward passes so far, which selects the batch's masks. A training checkpoint saves it and a resumed
   * run restores it ({@link #setBatches}), or the resumed run would draw other masks than the original.
   */
  private long batches;

  /**
   * Dropout of elements of {@code shape} with probability {@code p}.
   *
   * @param seed the network's seed ({@code NetSpec.build}'s)
   * @param index this layer's position in its network, so that two dropout layers draw different masks
   */
  public Dropout(Shape shape, double p, long seed, int index) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("dropout probability must be in (0, 1), got " + p);
    }
    this.shape = shape;
    this.p = p;
    this.seed = seed;
    this.index = index;
    this.scale = (float) (1.0 / (1.0 - p));
    this.dropBelow = (long) Math.ceil(p * 0x1.0p53);
  }

  /** The probability of dropping an element. */
  public double probability() {
    return p;
  }

  /** The seed the masks are drawn from. */
  public long seed() {
    return seed;
  }

  /** The position in the network, part of the masks' hash. */
  public int index() {
    return index;
  }

  /** Training batches seen so far (the next one's masks are those of batch number {@code batches()}). */
  public long batches() {
    return batches;
  }

  /**
   * Sets the count of training batches seen, so that the next batch draws the masks of batch number {@code batches}:
   * what a resumed run does with the count its checkpoint saved.
   */
  public void setBatches(long batches) {
    if (batches < 0) {
      throw new IllegalArgumentException("a batch count must be >= 0, got " + batches);
    }
    this.batches = batches;
  }

  /** The same layer with masks drawn from {@code seed}, its batch counter at zero. */
  public Dropout withSeed(long seed) {
    return new Dropout(shape, p, seed, index);
  }

  /**
   * Whether element {@code element} of sample {@code sample} is kept in training batch {@code batch}: SplitMix64's
   * finalizer chained over the five numbers, so every mask bit is a pure function of them.
   */
  public boolean kept(long batch, int sample, int element) {
    return keep(sampleKey(batchKey(batch), sample), element);
  }

  private long batchKey(long batch) {
    return mix(mix(mix(seed) + GOLDEN * (index + 1L)) + GOLDEN * (batch + 1L));
  }

  private static long sampleKey(long batchKey, int sample) {
    return mix(batchKey + GOLDEN * (sample + 1L));
  }

  private boolean keep(long sampleKey, int element) {
    return (mix(sampleKey + GOLDEN * (element + 1L)) >>> 11) >= dropBelow;
  }

  /** SplitMix64's output function (Steele, Lea and Flood), a bijection that mixes every bit into every other. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public Shape inputShape() {
    return shape;
  }

  @Override
  public Shape outputShape() {
    return shape;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  /** A copy with the same settings and batch counter, so that it goes on drawing the masks this layer would. */
  @Override
  public Dropout copy() {
    Dropout d = new Dropout(shape, p, seed, index);
    d.batches = batches;
    return d;
  }

  @Override
  public Tape newTape(Tuning tuning) {
    return new DropoutTape();
  }

  @Override
  public void forward(Activation input, Tape tape, WorkerPool pool) {
    DropoutTape t = (DropoutTape) tape;
    t.dropped = tape.training();
    if (!t.dropped) {
      if (input.isSpikes()) {
        t.output.setBits(input.bits());
      } else {
        t.output.setAnalog(input.analog());
      }
      return;
    }
    t.ensureArrays();
    t.output.setAnalog(t.analog);
    t.batchKey = batchKey(batches++);
    t.job.run(input, null, null, t, pool);
  }

  @Override
  public void backward(
      float[] gradOutput, Tape tape, SurrogateGradient surrogate, float[] gradInput, WorkerPool pool) {
    if (gradInput == null) {
      return;
    }
    DropoutTape t = (DropoutTape) tape;
    if (!t.dropped) {
      System.arraycopy(gradOutput, 0, gradInput, 0, tape.rows() * shape.size());
      return;
    }
    t.job.run(null, gradOutput, gradInput, t, pool);
  }

  /** Inference: the input, unchanged. */
  @Override
  public SpikeTensor forward(SpikeTensor input) {
    if (input.size() != shape.size()) {
      throw new IllegalArgumentException(this + " expects " + shape.size() + " inputs, got " + input.size());
    }
    return input;
  }

  @Override
  public String toString() {
    return "dropout " + p + " " + shape;
  }

  /** The batch's masks as factors ({@code 0} or {@code 1/(1 − p)}, {@code [B][n]}) and the training output. */
  private final class DropoutTape extends Tape {
    private final Activation output = new Activation();
    private final MaskJob job = new MaskJob();
    private float[] masks = new float[0];
    private float[] analog = new float[0];
    private long batchKey;
    /** Whether the last forward pass dropped (trained), so the backward pass applies the masks. */
    private boolean dropped;

    void ensureArrays() {
      int n = shape.size();
      int need = Math.multiplyExact(batch, n);
      if (masks.length < need) {
        masks = new float[need];
      }
      need = Math.multiplyExact(rows(), n);
      if (analog.length < need) {
        analog = new float[need];
      }
    }

    @Override
    public Activation output() {
      return output;
    }

    @Override
    public long bytesPerSample() {
      return 4L * shape.size() * (dropped ? timesteps + 1 : 0);
    }
  }

  /**
   * Forward (draws the masks per sample, then scales rows) when {@code gradOutput} is null, else the backward pass
   * (scales the gradient's rows by the same masks).
   */
  private final class MaskJob implements WorkerPool.RangeBody {
    private Activation input;
    private float[] gradOutput;
    private float[] gradInput;
    private DropoutTape tape;
    private boolean drawing;

    void run(Activation input, float[] gradOutput, float[] gradInput, DropoutTape tape, WorkerPool pool) {
      this.input = input;
      this.gradOutput = gradOutput;
      this.gradInput = gradInput;
      this.tape = tape;
      try {
        if (input != null) {
          drawing = true;
          pool.forRange(tape.batch(), 1, this);
          drawing = false;
        }
        pool.forRange(tape.rows(), 8, this);
      } finally {
        this.input = null;
        this.gradOutput = null;
        this.gradInput = null;
        this.tape = null;
        this.drawing = false;
      }
    }

    @Override
    public void run(int r0, int r1) {
      int n = shape.size();
      float[] masks = tape.masks;
      if (drawing) {
        for (int b = r0; b < r1; b++) {
          long key = sampleKey(tape.batchKey, b);
          for (int i = 0; i < n; i++) {
            masks[b * n + i] = keep(key, i) ? scale : 0f;
          }
        }
        return;
      }
      int batch = tape.batch();
      int words = SpikeBits.words(n);
      for (int r = r0; r < r1; r++) {
        int m = (r % batch) * n;
        int o = r * n;
        if (gradOutput != null) {
          for (int i = 0; i < n; i++) {
            gradInput[o + i] = gradOutput[o + i] * masks[m + i];
          }
        } else if (input.isSpikes()) {
          long[] bits = input.bits();
          for (int i = 0; i < n; i++) {
            tape.analog[o + i] = (bits[r * words + (i >>> 6)] & (1L << i)) != 0 ? masks[m + i] : 0f;
          }
        } else {
          float[] x = input.analog();
          for (int i = 0; i < n; i++) {
            tape.analog[o + i] = x[o + i] * masks[m + i];
          }
        }
      }
    }
  }
}
