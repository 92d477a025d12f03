package org.snn4j.nir;

import java.util.Arrays;

/**
 * One dataset of a NIR node: its element type as NIR's reference writer stores it ({@code float32}, {@code float64},
 * {@code int64}, ..., {@code string}), its shape ({@code []} for a scalar) and its values, flat in C order. Numbers are
 * held as doubles, which hold every float32, float64 and int32 value exactly (and int64 values up to 2^53, far above
 * any NIR shape or index).
 *
 * @param dtype the element type
 * @param shape the dimensions, empty for a scalar
 * @param numbers the values of a numeric dataset, flat; null for strings
 * @param strings the values of a string dataset, flat; null for numbers
 */
public record NirArray(String dtype, int[] shape, double[] numbers, String[] strings) {
  /** The dtype of 32-bit floats. */
  public static final String FLOAT32 = "float32";
  /** The dtype of 64-bit floats. */
  public static final String FLOAT64 = "float64";
  /** The dtype of 64-bit integers, which the reference writer uses for shapes, strides and dims. */
  public static final String INT64 = "int64";
  /** The dtype of strings. */
  public static final String STRING = "string";

  /** Checks that the values fill the shape. */
  public NirArray {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    long have = numbers != null ? numbers.length : strings.length;
    if (have != size) {
      throw new IllegalArgumentException(dtype + " array of shape " + Arrays.toString(shape) + " has " + have
          + " values");
    }
  }

  /** A scalar string, e.g. a node's {@code type}. */
  public static NirArray string(String s) {
    return new NirArray(STRING, new int[0], null, new String[] {s});
  }

  /** A scalar int64, e.g. {@code groups}. */
  public static NirArray int64(long v) {
    return new NirArray(INT64, new int[0], new double[] {v}, null);
  }

  /** A 1-D int64 array, e.g. a shape or a stride. */
  public static NirArray int64s(int... v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return new NirArray(INT64, new int[] {v.length}, d, null);
  }

  /** float32 values of {@code shape}. */
  public static NirArray float32(int[] shape, float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return new NirArray(FLOAT32, shape.clone(), d, null);
  }

  /** float32 values of {@code shape}, all {@code v}. */
  public static NirArray float32(int[] shape, float v) {
    double[] d = new double[size(shape)];
    Arrays.fill(d, v);
    return new NirArray(FLOAT32, shape.clone(), d, null);
  }

  /** float64 values of {@code shape}, all {@code v}. */
  public static NirArray float64(int[] shape, double v) {
    double[] d = new double[size(shape)];
    Arrays.fill(d, v);
    return new NirArray(FLOAT64, shape.clone(), d, null);
  }

  /** Whether this is a string dataset. */
  public boolean isString() {
    return strings != null;
  }

  /** Whether this is a scalar (shape {@code []}). */
  public boolean isScalar() {
    return shape.length == 0;
  }

  /** The number of values. */
  public int size() {
    return numbers != null ? numbers.length : strings.length;
  }

  private static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NirArray a && dtype.equals(a.dtype) && Arrays.equals(shape, a.shape)
        && Arrays.equals(numbers, a.numbers) && Arrays.equals(strings, a.strings);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(numbers) + Arrays.hashCode(strings);
  }

  @Override
  public String toString() {
    String values = numbers != null
        ? Arrays.toString(numbers.length > 6 ? Arrays.copyOf(numbers, 6) : numbers)
        : Arrays.toString(strings.length > 6 ? Arrays.copyOf(strings, 6) : strings);
    return dtype + Arrays.toString(shape) + " " + values + (size() > 6 ? "..." : "");
  }
}
