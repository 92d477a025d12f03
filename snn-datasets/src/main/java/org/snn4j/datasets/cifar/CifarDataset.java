package org.snn4j.datasets.cifar;

import java.util.Objects;
import org.snn4j.api.Dataset;

/**
 * CIFAR-10 images held in memory as the files store them: per image a label and 3072 unsigned bytes, the 1024 red
 * values, then green, then blue, each plane row-major over 32×32. Features keep that order (channel, row, column),
 * PyTorch's {@code [C][H][W]}, scaled by {@code v / 255}. Immutable and thread-safe.
 */
public final class CifarDataset implements Dataset {
  /** Bytes of pixels per image. */
  public static final int IMAGE_BYTES = 3 * 32 * 32;

  private final String source;
  private final byte[] pixels;
  private final byte[] labels;
  private final int classCount;

  CifarDataset(String source, byte[] pixels, byte[] labels, int classCount) {
    this.source = source;
    this.pixels = pixels;
    this.labels = labels;
    this.classCount = classCount;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int[] sampleShape() {
    return new int[] {3, 32, 32};
  }

  @Override
  public int featureCount() {
    return IMAGE_BYTES;
  }

  @Override
  public int classCount() {
    return classCount;
  }

  @Override
  public void features(int index, float[] dst, int offset) {
    Objects.checkIndex(index, labels.length);
    Objects.checkFromIndexSize(offset, IMAGE_BYTES, dst.length);
    int base = index * IMAGE_BYTES;
    for (int j = 0; j < IMAGE_BYTES; j++) {
      dst[offset + j] = (pixels[base + j] & 0xff) / 255f;
    }
  }

  @Override
  public int label(int index) {
    Objects.checkIndex(index, labels.length);
    return labels[index] & 0xff;
  }

  /** The stored byte {@code j} (channel-major) of image {@code index}. */
  public int pixel(int index, int j) {
    Objects.checkIndex(index, labels.length);
    Objects.checkIndex(j, IMAGE_BYTES);
    return pixels[index * IMAGE_BYTES + j] & 0xff;
  }

  @Override
  public String toString() {
    return "CifarDataset[" + source + ", " + labels.length + " x 3x32x32, " + classCount + " classes]";
  }
}
