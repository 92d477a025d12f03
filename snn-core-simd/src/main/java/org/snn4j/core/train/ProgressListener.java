package org.snn4j.core.train;

/** Told after every batch of a training epoch or an evaluation, e.g. to draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = (done, total, loss) -> {};

  /**
   * @param samplesDone samples processed so far in this pass
   * @param samplesTotal samples in the pass
   * @param meanLoss mean batch loss so far
   */
  void progress(int samplesDone, int samplesTotal, double meanLoss);
}
