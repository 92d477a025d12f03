package org.snn4j.core.layer;

/**
 * What one layer keeps from its forward pass for its backward pass, plus its scratch space, made by the layer
 * ({@link NetworkLayer#newTape}). Sized for a capacity of {@code T·B} rows and reused while the shape fits, so
 * steady-state training allocates nothing. Row {@code r = t·B + b} is one (time step, sample) pair.
 */
public abstract class Tape {
  protected int timesteps;
  protected int batch;
  /**
   * Per sample, whether its loss gradient is non-zero, set by the trainer before the backward pass (not owned);
   * {@code null}: every sample counts. A sample whose loss gradient is zero has zero gradients in every layer, so a
   * layer may fill its rows of dL/dI and dL/dx with zeros instead of computing them.
   */
  protected boolean[] liveSamples;
  /**
   * Whether this forward pass trains (set by the forward pass before each batch): dropout draws its masks and batch
   * normalization uses the batch's statistics only in training; inference is deterministic.
   */
  protected boolean training;

  /** Makes room for {@code T·B} rows; allocates only when the capacity grows. */
  public void ensure(int timesteps, int batch) {
    this.timesteps = timesteps;
    this.batch = batch;
  }

  /** The layer's output of the last forward pass. */
  public abstract Activation output();

  /** Sets {@link #liveSamples}. */
  public void setLiveSamples(boolean[] liveSamples) {
    this.liveSamples = liveSamples;
  }

  /** Sets {@link #training}. */
  public void setTraining(boolean training) {
    this.training = training;
  }

  /** Whether the forward pass on this tape trains (see {@link #training}). */
  public boolean training() {
    return training;
  }

  /**
   * Marks the layer's weights as frozen while this tape is used (a frozen network's session): what is derived from
   * them, e.g. a packed copy, may be kept from one forward pass to the next.
   */
  public void freezeWeights() {}

  /** Forward passes on this tape that packed the layer's weights (for tests). */
  public long weightPacks() {
    return 0;
  }

  public int timesteps() {
    return timesteps;
  }

  public int batch() {
    return batch;
  }

  public int rows() {
    return timesteps * batch;
  }

  /** Bytes of tape per sample: what the backward pass needs from the forward pass, over all time steps. */
  public long bytesPerSample() {
    return 0;
  }

  /** Bytes of scratch per sample, rebuilt at every step. */
  public long scratchBytesPerSample() {
    return 0;
  }
}
