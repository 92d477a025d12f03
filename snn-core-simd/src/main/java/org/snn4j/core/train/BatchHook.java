package org.snn4j.core.train;

/**
 * Told after every training batch, once the network and the optimizer are updated: where a checkpoint is written,
 * and where a caller can stop an epoch part way.
 */
@FunctionalInterface
public interface BatchHook {
  /** Goes on to the end of the epoch. */
  BatchHook NONE = (epoch, progress) -> true;

  /**
   * @param epoch the epoch, from 1
   * @param progress the epoch so far, this batch included (live: do not keep it past the call)
   * @return whether to go on; false stops the epoch after this batch
   */
  boolean afterBatch(int epoch, EpochProgress progress);
}
