package org.snn4j.datasets.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.Split;

/**
 * A dataset stored as four IDX files in one folder, the MNIST layout: {@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or with
 * {@code .gz}. When both forms exist the raw one wins: it reads faster and was most likely unpacked on purpose.
 * Subclasses only give the name, description and class count, or override the file names.
 */
public abstract class IdxFolderReader implements DatasetReader {
  private static final String GZIP_SUFFIX = ".gz";

  private final String name;
  private final String description;
  private final int classCount;

  /**
   * @param name the plugin name, lower-case
   * @param description one line for listings
   * @param classCount labels must be in {@code [0, classCount)}
   */
  protected IdxFolderReader(String name, String description, int classCount) {
    this.name = name;
    this.description = description;
    this.classCount = classCount;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  /** The number of classes. */
  public final int classCount() {
    return classCount;
  }

  /** The images file's name without {@code .gz}, e.g. {@code train-images-idx3-ubyte}. */
  public String imagesFileName(Split split) {
    return (split == Split.TRAIN ? "train" : "t10k") + "-images-idx3-ubyte";
  }

  /** The labels file's name without {@code .gz}, e.g. {@code t10k-labels-idx1-ubyte}. */
  public String labelsFileName(Split split) {
    return (split == Split.TRAIN ? "train" : "t10k") + "-labels-idx1-ubyte";
  }

  /**
   * The file {@code baseName} in {@code folder}: the raw file if it exists, else the {@code .gz} one, else null.
   */
  public static Path find(Path folder, String baseName) {
    Path raw = folder.resolve(baseName);
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    Path gz = folder.resolve(baseName + GZIP_SUFFIX);
    return Files.isRegularFile(gz) ? gz : null;
  }

  @Override
  public boolean isPresent(Path folder, Split split) {
    return find(folder, imagesFileName(split)) != null && find(folder, labelsFileName(split)) != null;
  }

  @Override
  public Dataset read(Path folder, Split split) throws IOException {
    return IdxDataset.read(require(folder, imagesFileName(split)), require(folder, labelsFileName(split)), classCount);
  }

  private static Path require(Path folder, String baseName) throws NoSuchFileException {
    Path file = find(folder, baseName);
    if (file == null) {
      throw new NoSuchFileException(
          folder.resolve(baseName).toString(), null, "neither " + baseName + " nor " + baseName + GZIP_SUFFIX
              + " is in the folder");
    }
    return file;
  }

  @Override
  public String toString() {
    return name;
  }
}
