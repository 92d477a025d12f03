package org.snn4j.datasets;

import java.util.Objects;
import org.snn4j.api.Dataset;

/**
 * The first {@code n} samples of a dataset, as a view (for quick runs: {@code --train-limit}, {@code --test-limit}).
 * Forwards everything, sequence length included, so it works for event data too.
 */
public final class DatasetSlice implements Dataset {
  private final Dataset data;
  private final int n;

  private DatasetSlice(Dataset data, int n) {
    this.data = data;
    this.n = n;
  }

  /**
   * {@code data} itself when {@code limit} is null or not smaller than its size, else a view of its first {@code
   * limit} samples.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static Dataset first(Dataset data, Integer limit) {
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    return limit == null || limit >= data.size() ? data : new DatasetSlice(data, limit);
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
  public int[] sampleShape() {
    return data.sampleShape();
  }

  @Override
  public int featureCount() {
    return data.featureCount();
  }

  @Override
  public int timesteps() {
    return data.timesteps();
  }

  @Override
  public int classCount() {
    return data.classCount();
  }

  @Override
  public void features(int index, float[] dst, int offset) {
    data.features(Objects.checkIndex(index, n), dst, offset);
  }

  @Override
  public int label(int index) {
    return data.label(Objects.checkIndex(index, n));
  }
}
