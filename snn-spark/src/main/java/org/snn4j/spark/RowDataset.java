package org.snn4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.snn4j.api.Dataset;

/**
 * A dataset held in memory, as a DataFrame's rows give it, to ship to Spark's executors in a broadcast. Features
 * that are all pixels {@code v / 255f} (IDX and CIFAR images as snn4j's readers scale them) are kept as one byte
 * each and give back the same floats bit for bit; anything else is kept as floats.
 */
public final class RowDataset implements Dataset, Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int size;
  private final int features;
  private final int classes;
  private final int timesteps;
  private final int[] shape;
  private final int[] labels;
  /** {@code [size][features]} pixels, or null when {@link #floats} holds the features. */
  private final byte[] pixels;
  private final float[] floats;

  private RowDataset(String source, int features, int classes, int timesteps, int[] shape, int[] labels,
      byte[] pixels, float[] floats) {
    this.source = source;
    this.size = labels.length;
    this.features = features;
    this.classes = classes;
    this.timesteps = timesteps;
    this.shape = shape.clone();
    this.labels = labels;
    this.pixels = pixels;
    this.floats = floats;
  }

  /**
   * @param values {@code [size][features]} (for a sequence, {@code [size][timesteps][features]}), row-major
   * @param shape one sample's shape, e.g. {@code [1, 28, 28]}
   * @param timesteps frames per sample, 0 for static samples
   */
  public static RowDataset of(String source, float[] values, int features, int[] labels, int classes, int[] shape,
      int timesteps) {
    int perSample = features * Math.max(1, timesteps);
    if ((long) perSample * labels.length != values.length) {
      throw new IllegalArgumentException(source + ": " + values.length + " values are not " + labels.length
          + " samples of " + perSample);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(source + ": sample " + i + " has label " + labels[i] + ", outside [0, "
            + classes + ")");
      }
    }
    byte[] pixels = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      int v = Math.round(values[i] * 255f);
      if (v < 0 || v > 255 || (v / 255f) != values[i]) {
        pixels = null;
        break;
      }
      pixels[i] = (byte) v;
    }
    return new RowDataset(source, features, classes, timesteps, shape, labels.clone(), pixels,
        pixels == null ? values.clone() : null);
  }

  /** A copy of any dataset's samples. */
  public static RowDataset copyOf(Dataset d) {
    int perSample = d.featureCount() * Math.max(1, d.timesteps());
    float[] values = new float[Math.multiplyExact(d.size(), perSample)];
    int[] labels = new int[d.size()];
    for (int i = 0; i < d.size(); i++) {
      d.features(i, values, i * perSample);
      labels[i] = d.label(i);
    }
    return of(d.source(), values, d.featureCount(), labels, d.classCount(), d.sampleShape(), d.timesteps());
  }

  /** Whether the features are kept as one byte each. */
  public boolean compact() {
    return pixels != null;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int featureCount() {
    return features;
  }

  @Override
  public int timesteps() {
    return timesteps;
  }

  @Override
  public int[] sampleShape() {
    return shape.clone();
  }

  @Override
  public int classCount() {
    return classes;
  }

  @Override
  public void features(int index, float[] dst, int offset) {
    int n = features * Math.max(1, timesteps);
    int base = Math.multiplyExact(index, n);
    if (pixels != null) {
      for (int j = 0; j < n; j++) {
        dst[offset + j] = (pixels[base + j] & 0xff) / 255f;
      }
    } else {
      System.arraycopy(floats, base, dst, offset, n);
    }
  }

  @Override
  public int label(int index) {
    return labels[index];
  }

  @Override
  public String toString() {
    return "RowDataset[" + source + ", " + size + " samples of " + Arrays.toString(shape) + "]";
  }
}
