package org.snn4j.api;

import java.util.Arrays;

/**
 * Binary spikes laid out time-major as {@code [T][B][N]}: the spike of neuron {@code n} of sample {@code b} at time
 * step {@code t} is {@code data()[(t * B + b) * N + n]}, either 0 or 1.
 *
 * <p>The backing array is exposed on purpose: kernels read and write it in place. A {@code SpikeTensor} is not
 * thread-safe.
 */
public final class SpikeTensor {
  private final int timesteps;
  private final int batch;
  private final int size;
  private final byte[] data;

  /** Creates an all-zero tensor of the given shape. */
  public SpikeTensor(int timesteps, int batch, int size) {
    this(timesteps, batch, size, new byte[checkedLength(timesteps, batch, size)]);
  }

  /**
   * Wraps {@code data} (not copied) as a tensor of the given shape.
   *
   * @throws IllegalArgumentException if a dimension is not positive or {@code data.length != T*B*N}
   */
  public SpikeTensor(int timesteps, int batch, int size, byte[] data) {
    int n = checkedLength(timesteps, batch, size);
    if (data.length != n) {
      throw new IllegalArgumentException("data has " + data.length + " spikes, shape needs " + n);
    }
    this.timesteps = timesteps;
    this.batch = batch;
    this.size = size;
    this.data = data;
  }

  static int checkedLength(int t, int b, int n) {
    if (t <= 0 || b <= 0 || n <= 0) {
      throw new IllegalArgumentException("shape must be positive, got [" + t + "][" + b + "][" + n + "]");
    }
    long len = (long) t * b * n;
    if (len > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor [" + t + "][" + b + "][" + n + "] is too large");
    }
    return (int) len;
  }

  /** Number of time steps T. */
  public int timesteps() {
    return timesteps;
  }

  /** Number of samples B. */
  public int batch() {
    return batch;
  }

  /** Number of neurons N per sample and step. */
  public int size() {
    return size;
  }

  /** The backing array, {@code [T][B][N]} flattened; values are 0 or 1. */
  public byte[] data() {
    return data;
  }

  /** Index of element {@code (t, b, n)} in {@link #data()}. */
  public int index(int t, int b, int n) {
    return (t * batch + b) * size + n;
  }

  /** Whether neuron {@code n} of sample {@code b} spiked at step {@code t}. */
  public boolean get(int t, int b, int n) {
    return data[index(t, b, n)] != 0;
  }

  /** Sets or clears one spike. */
  public void set(int t, int b, int n, boolean spike) {
    data[index(t, b, n)] = (byte) (spike ? 1 : 0);
  }

  /** Total number of spikes. */
  public long count() {
    long c = 0;
    for (byte v : data) {
      c += v;
    }
    return c;
  }

  /** Fraction of elements that are spikes. */
  public double density() {
    return (double) count() / data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpikeTensor s
        && s.timesteps == timesteps
        && s.batch == batch
        && s.size == size
        && Arrays.equals(s.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data) + timesteps * 961 + batch * 31 + size;
  }

  @Override
  public String toString() {
    return "SpikeTensor[" + timesteps + "][" + batch + "][" + size + "]";
  }
}
