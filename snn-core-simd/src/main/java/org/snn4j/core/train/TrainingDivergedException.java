package org.snn4j.core.train;

/**
 * Training diverged: a batch loss or a parameter is not finite (NaN or infinite), so no later step can recover and
 * the model must not be saved. The message names the epoch, the batch and what was found.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int batch;

  /**
   * @param batch the batch, from 1, after whose step the value was found
   * @param what what is not finite, e.g. {@code layer 0's weights hold NaN}
   * @param learningRate the optimizer's learning rate, named in the advice
   */
  public TrainingDivergedException(int epoch, int batch, int batches, String what, float learningRate) {
    super("training diverged in epoch " + epoch + " at batch " + batch + " of " + batches + ": " + what
        + "; try a lower learning rate (--lr, now " + learningRate + "); a surrogate, neuron or loss that returns"
        + " NaN does this too");
    this.epoch = epoch;
    this.batch = batch;
  }

  /** The epoch, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The batch of the epoch, from 1. */
  public int batch() {
    return batch;
  }
}
