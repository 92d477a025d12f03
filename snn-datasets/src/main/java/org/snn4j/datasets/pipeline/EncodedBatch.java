package org.snn4j.datasets.pipeline;

import org.snn4j.api.SpikeTensor;

/**
 * One batch ready for a training step: its input spikes {@code [T][B][N]}, the samples' labels and their indices in
 * the dataset. Owned by the {@link BatchPipeline} that made it and valid until the next call to {@link
 * BatchPipeline#next()}, which recycles its arrays.
 */
public final class EncodedBatch {
  private final SpikeTensor spikes;
  private final int[] labels;
  private final int[] indices;
  private int number;

  EncodedBatch(SpikeTensor spikes) {
    this.spikes = spikes;
    this.labels = new int[spikes.batch()];
    this.indices = new int[spikes.batch()];
  }

  /** The input spikes, time-major. */
  public SpikeTensor spikes() {
    return spikes;
  }

  /** The labels, one per sample. Do not modify. */
  public int[] labels() {
    return labels;
  }

  /** The samples' indices in the dataset. Do not modify. */
  public int[] indices() {
    return indices;
  }

  /** The number of samples. */
  public int size() {
    return spikes.batch();
  }

  /** Which batch of the epoch this is, from 0. */
  public int number() {
    return number;
  }

  void setNumber(int number) {
    this.number = number;
  }
}
