package org.snn4j.core.train;

import org.snn4j.core.net.FrozenNet;

/**
 * Told after every batch of an {@linkplain TrainingLoop#evaluate(org.snn4j.api.Dataset, ProgressListener,
 * EvaluationObserver) evaluation}, with what the batch gave: for reports that need more than the accuracy (a
 * confusion matrix, per-neuron firing rates, spike rasters).
 */
@FunctionalInterface
public interface EvaluationObserver {
  /** Looks at nothing. */
  EvaluationObserver NONE = (first, batch, labels, rates, session) -> {};

  /**
   * @param first the dataset index of the batch's first sample (evaluation runs in dataset order)
   * @param batch samples in the batch
   * @param labels the batch's labels (live: read during the call only)
   * @param rates the class scores {@code [batch][classes]} (live): the output rates, or the network's readout's
   *     scores ({@code vote}, {@code membrane})
   * @param session the session that ran the batch, e.g. for {@link FrozenNet.Session#lastSpikes(int)}
   */
  void batch(int first, int batch, int[] labels, float[] rates, FrozenNet.Session session);
}
