package org.snn4j.api;

/**
 * Float values (membrane potentials, currents, gradients) laid out time-major as {@code [T][B][N]}, like {@link
 * SpikeTensor}: element {@code (t, b, n)} is {@code data()[(t * B + b) * N + n]}. Not thread-safe.
 */
public final class FloatTensor {
  private final int timesteps;
  private final int batch;
  private final int size;
  private final float[] data;

  /** Creates an all-zero tensor of the given shape. */
  public FloatTensor(int timesteps, int batch, int size) {
    this(timesteps, batch, size, new float[SpikeTensor.checkedLength(timesteps, batch, size)]);
  }

  /**
   * Wraps {@code data} (not copied).
   *
   * @throws IllegalArgumentException if a dimension is not positive or {@code data.length != T*B*N}
   */
  public FloatTensor(int timesteps, int batch, int size, float[] data) {
    int n = SpikeTensor.checkedLength(timesteps, batch, size);
    if (data.length != n) {
      throw new IllegalArgumentException("data has " + data.length + " values, shape needs " + n);
    }
    this.timesteps = timesteps;
    this.batch = batch;
    this.size = size;
    this.data = data;
  }

  /** Number of time steps T. */
  public int timesteps() {
    return timesteps;
  }

  /** Number of samples B. */
  public int batch() {
    return batch;
  }

  /** Number of values N per sample and step. */
  public int size() {
    return size;
  }

  /** The backing array, {@code [T][B][N]} flattened. */
  public float[] data() {
    return data;
  }

  /** Index of element {@code (t, b, n)} in {@link #data()}. */
  public int index(int t, int b, int n) {
    return (t * batch + b) * size + n;
  }

  /** Element {@code (t, b, n)}. */
  public float get(int t, int b, int n) {
    return data[index(t, b, n)];
  }

  /** Sets element {@code (t, b, n)}. */
  public void set(int t, int b, int n, float v) {
    data[index(t, b, n)] = v;
  }

  @Override
  public String toString() {
    return "FloatTensor[" + timesteps + "][" + batch + "][" + size + "]";
  }
}
