package org.snn4j.core.layer;

/**
 * What a layer hands the next one for all {@code T·B} rows of a batch (row {@code r = t·B + b}): spikes as bits,
 * {@code [rows][words(n)]} ({@link SpikeBits}), or analog values, {@code [rows][n]} floats (an average pooling's
 * output, or the input of the {@code direct} encoder). Exactly one of {@link #bits()} and {@link #analog()} is set.
 *
 * <p>A holder, not a copy: the arrays belong to whoever made them (the layer's tape, or the trainer for the input),
 * and the holder is made once per tape and re-pointed when the arrays change, so a step allocates nothing.
 */
public final class Activation {
  private long[] bits;
  private float[] analog;

  /** Points this activation at spikes {@code [rows][words(n)]}. */
  public Activation setBits(long[] bits) {
    this.bits = bits;
    this.analog = null;
    return this;
  }

  /** Points this activation at analog values {@code [rows][n]}. */
  public Activation setAnalog(float[] analog) {
    this.bits = null;
    this.analog = analog;
    return this;
  }

  /** Whether it holds spikes (else analog values). */
  public boolean isSpikes() {
    return bits != null;
  }

  /** The spikes as bits, or null for analog values. */
  public long[] bits() {
    return bits;
  }

  /** The analog values, or null for spikes. */
  public float[] analog() {
    return analog;
  }
}
