package org.snn4j.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.Split;
import org.snn4j.plugins.PluginRegistry;

class CifarReaderTest {
  @TempDir Path tmp;
  private final CifarReader reader = new CifarReader();

  /** {@code n} records: label {@code (i + salt) % 10}, pixel {@code j} = {@code (i * 3 + j + salt) & 0xff}. */
  static byte[] records(int n, int salt) {
    byte[] b = new byte[n * CifarReader.RECORD_BYTES];
    for (int i = 0; i < n; i++) {
      int at = i * CifarReader.RECORD_BYTES;
      b[at] = (byte) ((i + salt) % 10);
      for (int j = 0; j < CifarDataset.IMAGE_BYTES; j++) {
        b[at + 1 + j] = (byte) (i * 3 + j + salt);
      }
    }
    return b;
  }

  static Path writeAll(Path dir) throws Exception {
    Files.createDirectories(dir);
    for (int k = 1; k <= 5; k++) {
      Files.write(dir.resolve("data_batch_" + k + ".bin"), records(k + 1, k));
    }
    Files.write(dir.resolve("test_batch.bin"), records(4, 100));
    return dir;
  }

  @Test
  void readsAllFiveTrainingBatchesInOrderAndTheTestBatch() throws Exception {
    writeAll(tmp);
    assertTrue(reader.isPresent(tmp, Split.TRAIN));
    Dataset train = reader.read(tmp, Split.TRAIN);
    assertEquals(2 + 3 + 4 + 5 + 6, train.size());
    assertEquals(3072, train.featureCount());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {3, 32, 32}, train.sampleShape());
    assertEquals(10, train.classCount());
    // image 2 is the first of data_batch_2 (salt 2)
    assertEquals(2, train.label(2));
    float[] x = new float[3072];
    train.features(2, x, 0);
    assertEquals(2 / 255f, x[0]);
    assertEquals(((1024 + 2) & 0xff) / 255f, x[1024], "green plane follows red");
    Dataset test = reader.read(tmp, Split.TEST);
    assertEquals(4, test.size());
    assertEquals(1, test.label(1));
  }

  @Test
  void findsTheArchiveSubfolderAndIsRegistered() throws Exception {
    writeAll(tmp.resolve(CifarReader.ARCHIVE_FOLDER));
    DatasetReader r = PluginRegistry.load(DatasetReader.class).get("cifar10");
    assertEquals(4, r.read(tmp, Split.TEST).size());
  }

  @Test
  void aMissingBatchIsNamed() throws Exception {
    writeAll(tmp);
    Files.delete(tmp.resolve("data_batch_4.bin"));
    assertFalse(reader.isPresent(tmp, Split.TRAIN));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> reader.read(tmp, Split.TRAIN));
    assertTrue(e.getFile().endsWith("data_batch_4.bin"));
  }

  @Test
  void emptyTruncatedAndBadLabelsGiveTheOffset() throws Exception {
    writeAll(tmp);
    Path test = tmp.resolve("test_batch.bin");
    Files.write(test, new byte[0]);
    assertEquals(0, assertThrows(DatasetFormatException.class, () -> reader.read(tmp, Split.TEST)).offset());
    Files.write(test, java.util.Arrays.copyOf(records(3, 0), 3 * 3073 - 100));
    DatasetFormatException cut = assertThrows(DatasetFormatException.class, () -> reader.read(tmp, Split.TEST));
    assertEquals(2 * 3073, cut.offset());
    assertTrue(cut.getMessage().contains("2 records and 2973 bytes of a cut-off one"), cut.getMessage());
    byte[] labels = records(3, 0);
    labels[2 * 3073] = 10;
    Files.write(test, labels);
    DatasetFormatException label = assertThrows(DatasetFormatException.class, () -> reader.read(tmp, Split.TEST));
    assertEquals(2 * 3073, label.offset());
    assertTrue(label.getMessage().contains("label 10 of record 2 is out of range"), label.getMessage());
  }
}
