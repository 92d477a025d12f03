package org.snn4j.datasets.cifar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.Split;
import org.snn4j.datasets.HeapCheck;

/**
 * CIFAR-10 (Krizhevsky, 2009), binary version: {@code data_batch_1.bin} .. {@code data_batch_5.bin} (train) and
 * {@code test_batch.bin} (test), in the folder or in its {@code cifar-10-batches-bin/} subfolder as the official
 * archive unpacks. Each file is a run of 3073-byte records: the label (0..9), then 3072 pixel bytes ({@link
 * CifarDataset}). The official files hold 10,000 records each; any whole number of records is accepted.
 *
 * <p>Each file's length is checked before anything is allocated: empty, or not a multiple of 3073 (a cut-off
 * record), is a {@link DatasetFormatException} at the offset where the incomplete record starts; a label above 9 is
 * one at that label's offset.
 */
public final class CifarReader implements DatasetReader {
  /** The plugin name. */
  public static final String NAME = "cifar10";

  /** Bytes per record: one label and the pixels. */
  public static final int RECORD_BYTES = 1 + CifarDataset.IMAGE_BYTES;

  /** Number of classes. */
  public static final int CLASSES = 10;

  /** The subfolder the official archive unpacks into. */
  public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

  /** Called by {@link java.util.ServiceLoader}. */
  public CifarReader() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CIFAR-10 binary: data_batch_1..5.bin, test_batch.bin (32x32 RGB, 10 classes)";
  }

  /** The file names of one split. */
  public static List<String> fileNames(Split split) {
    if (split == Split.TEST) {
      return List.of("test_batch.bin");
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      names.add("data_batch_" + i + ".bin");
    }
    return names;
  }

  /** The folder holding the files: {@code folder/cifar-10-batches-bin} if it exists, else {@code folder}. */
  public static Path root(Path folder) {
    Path sub = folder.resolve(ARCHIVE_FOLDER);
    return Files.isDirectory(sub) ? sub : folder;
  }

  @Override
  public boolean isPresent(Path folder, Split split) {
    Path root = root(folder);
    for (String name : fileNames(split)) {
      if (!Files.isRegularFile(root.resolve(name))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Dataset read(Path folder, Split split) throws IOException {
    Path root = root(folder);
    List<Path> files = new ArrayList<>();
    long total = 0;
    for (String name : fileNames(split)) {
      Path file = root.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString(), null, "a CIFAR-10 batch file is missing");
      }
      long length = Files.size(file);
      if (length == 0) {
        throw new DatasetFormatException(file.toString(), 0, "the file is empty; expected 3073-byte records");
      }
      if (length % RECORD_BYTES != 0) {
        long whole = length - length % RECORD_BYTES;
        throw new DatasetFormatException(file.toString(), whole, String.format(Locale.ROOT,
            "truncated: the file has %,d bytes, %,d records and %d bytes of a cut-off one; expected whole"
                + " 3073-byte records (10,000 per official file)", length, whole / RECORD_BYTES, length - whole));
      }
      total += length / RECORD_BYTES;
      files.add(file);
    }
    if (total * CifarDataset.IMAGE_BYTES > Integer.MAX_VALUE - 8) {
      throw new DatasetFormatException(files.get(0).toString(), 0,
          "the files hold " + total + " images, more than one array can hold; expected 60,000 in all");
    }
    HeapCheck.require(files.get(0).toString(), total * (CifarDataset.IMAGE_BYTES + 1));
    byte[] pixels = new byte[(int) total * CifarDataset.IMAGE_BYTES];
    byte[] labels = new byte[(int) total];
    int image = 0;
    byte[] record = new byte[RECORD_BYTES];
    for (Path file : files) {
      long count = Files.size(file) / RECORD_BYTES;
      try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        for (long r = 0; r < count; r++) {
          if (in.readNBytes(record, 0, RECORD_BYTES) < RECORD_BYTES) {
            throw new DatasetFormatException(file.toString(), r * RECORD_BYTES,
                "truncated: the file shrank while it was read; expected " + count + " records");
          }
          int label = record[0] & 0xff;
          if (label >= CLASSES) {
            throw new DatasetFormatException(file.toString(), r * RECORD_BYTES, "label " + label + " of record " + r
                + " is out of range; expected 0..9 (is this a CIFAR-100 file? it has two label bytes)");
          }
          labels[image] = (byte) label;
          System.arraycopy(record, 1, pixels, image * CifarDataset.IMAGE_BYTES, CifarDataset.IMAGE_BYTES);
          image++;
        }
      }
    }
    return new CifarDataset(files.size() == 1 ? files.get(0).toString() : root.toString(), pixels, labels, CLASSES);
  }

  @Override
  public String toString() {
    return NAME;
  }
}
