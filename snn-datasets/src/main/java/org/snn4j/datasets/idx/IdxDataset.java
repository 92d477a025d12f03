package org.snn4j.datasets.idx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetFormatException;

/**
 * Images and labels from a pair of IDX files, held in memory as unsigned bytes (47 MB for the Fashion-MNIST training
 * set, a quarter of what floats would take). Features are scaled to [0, 1] on the way out. Immutable, so safe to read
 * from many threads.
 */
public final class IdxDataset implements Dataset {
  /** The class count of the MNIST family. */
  public static final int DEFAULT_CLASS_COUNT = 10;

  private final String source;
  private final byte[] pixels;
  private final byte[] labels;
  private final int size;
  private final int rows;
  private final int cols;
  private final int featureCount;
  private final int classCount;

  private IdxDataset(String source, IdxArray images, IdxArray labels, int classCount) {
    this.source = source;
    this.pixels = images.data();
    this.labels = labels.data();
    this.size = images.count();
    this.rows = images.dim(1);
    this.cols = images.dim(2);
    this.featureCount = rows * cols;
    this.classCount = classCount;
  }

  /**
   * Reads an images file and a labels file, raw or gzip, with {@value #DEFAULT_CLASS_COUNT} classes.
   *
   * @throws DatasetFormatException if a file is malformed, the counts differ or a label is out of range
   */
  public static IdxDataset read(Path images, Path labels) throws IOException {
    return read(images, labels, DEFAULT_CLASS_COUNT);
  }

  /**
   * Reads an images file and a labels file, raw or gzip.
   *
   * @throws DatasetFormatException if a file is malformed, the counts differ or a label is not below {@code
   *     classCount}
   */
  public static IdxDataset read(Path images, Path labels, int classCount) throws IOException {
    IdxArray imageArray = IdxReader.read(images, IdxReader.IMAGE_RANK);
    IdxArray labelArray = IdxReader.read(labels, IdxReader.LABEL_RANK);
    return of(imageArray, images.toString(), labelArray, labels.toString(), classCount);
  }

  /**
   * Pairs images already read with their labels.
   *
   * @param images a 3-dimensional array (count, rows, columns)
   * @param imagesName the images file's name, for {@link #source()} and messages
   * @param labels a 1-dimensional array (count)
   * @param labelsName the labels file's name, for messages
   * @param classCount labels must be in {@code [0, classCount)}
   * @throws DatasetFormatException naming the labels file if the counts differ (offset 4, the count field) or a
   *     label is out of range (the label's own offset)
   */
  public static IdxDataset of(
      IdxArray images, String imagesName, IdxArray labels, String labelsName, int classCount)
      throws DatasetFormatException {
    if (images.rank() != IdxReader.IMAGE_RANK || labels.rank() != IdxReader.LABEL_RANK) {
      throw new IllegalArgumentException("expected 3-dimensional images and 1-dimensional labels, got " + images
          + " and " + labels);
    }
    if (classCount < 1 || classCount > 256) {
      throw new IllegalArgumentException("classCount must be in 1..256 for byte labels, got " + classCount);
    }
    if (images.count() != labels.count()) {
      throw new DatasetFormatException(
          labelsName,
          4,
          "the file holds " + labels.count() + " labels but " + imagesName + " holds " + images.count()
              + " images; expected one label per image (are the two files from the same split?)");
    }
    byte[] data = labels.data();
    for (int i = 0; i < data.length; i++) {
      int label = data[i] & 0xff;
      if (label >= classCount) {
        throw new DatasetFormatException(
            labelsName,
            labels.headerSize() + (long) i,
            "label " + label + " of item " + i + " is out of range; expected 0.." + (classCount - 1) + " for "
                + classCount + " classes");
      }
    }
    return new IdxDataset(imagesName, images, labels, classCount);
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
  public int[] sampleShape() {
    return new int[] {1, rows, cols};
  }

  @Override
  public int featureCount() {
    return featureCount;
  }

  @Override
  public int classCount() {
    return classCount;
  }

  /** Image height in pixels. */
  public int rows() {
    return rows;
  }

  /** Image width in pixels. */
  public int cols() {
    return cols;
  }

  /**
   * Writes {@code (v & 0xff) / 255f} for each pixel {@code v}: bit for bit what PyTorch's {@code
   * x.float().div_(255.)} gives, so results compare with a PyTorch reference run.
   */
  @Override
  public void features(int index, float[] dst, int offset) {
    Objects.checkIndex(index, size);
    Objects.checkFromIndexSize(offset, featureCount, dst.length);
    int base = index * featureCount;
    for (int j = 0; j < featureCount; j++) {
      dst[offset + j] = (pixels[base + j] & 0xff) / 255f;
    }
  }

  @Override
  public int label(int index) {
    Objects.checkIndex(index, size);
    return labels[index] & 0xff;
  }

  /** The unsigned byte of pixel {@code j} of image {@code index}, as stored. */
  public int pixel(int index, int j) {
    Objects.checkIndex(index, size);
    Objects.checkIndex(j, featureCount);
    return pixels[index * featureCount + j] & 0xff;
  }

  @Override
  public String toString() {
    return "IdxDataset[" + source + ", " + size + " x " + rows + " x " + cols + ", " + classCount + " classes]";
  }
}
