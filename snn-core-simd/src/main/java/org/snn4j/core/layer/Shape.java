package org.snn4j.core.layer;

import java.util.Arrays;

/**
 * The shape of one sample's activation at one time step: {@code [n]} for a vector, {@code [c, h, w]} for channels
 * of an image. Activations are stored flat, row-major, one row of {@link #size()} values per (step, sample).
 */
public final class Shape {
  private final int[] dims;

  private Shape(int[] dims) {
    if (dims.length == 0) {
      throw new IllegalArgumentException("a shape needs at least one dimension");
    }
    long size = 1;
    for (int d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("shape dimensions must be positive, got " + Arrays.toString(dims));
      }
      size *= d;
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape too large: " + Arrays.toString(dims));
    }
    this.dims = dims;
  }

  /** {@code [n]}. */
  public static Shape vector(int n) {
    return new Shape(new int[] {n});
  }

  /** {@code [channels, height, width]}. */
  public static Shape image(int channels, int height, int width) {
    return new Shape(new int[] {channels, height, width});
  }

  /** A shape of the given dimensions. */
  public static Shape of(int... dims) {
    return new Shape(dims.clone());
  }

  /** Values per sample and step: the product of the dimensions. */
  public int size() {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Dimension {@code i}. */
  public int dim(int i) {
    return dims[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** {@code [784]}, {@code [1,28,28]}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      b.append(i == 0 ? "" : ",").append(dims[i]);
    }
    return b.append(']').toString();
  }
}
