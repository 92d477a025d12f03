package org.snn4j.cli;

import org.snn4j.api.Dataset;

/** The first {@code n} samples of a dataset (for quick runs: {@code --train-limit}, {@code --test-limit}). */
final class FirstSamples implements Dataset {
  private final Dataset data;
  private final int n;

  private FirstSamples(Dataset data, int n) {
    this.data = data;
    this.n = n;
  }

  /** {@code data} itself when {@code limit} is null or not smaller than its size. */
  static Dataset of(Dataset data, Integer limit) {
    return limit == null || limit >= data.size() ? data : new FirstSamples(data, limit);
  }

  @Override
  public String source() {
    return data.source() + " (first " + n + ")";
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public int featureCount() {
    return data.featureCount();
  }

  @Override
  public int classCount() {
    return data.classCount();
  }

  @Override
  public void features(int index, float[] dst, int offset) {
    data.features(index, dst, offset);
  }

  @Override
  public int label(int index) {
    return data.label(index);
  }
}
