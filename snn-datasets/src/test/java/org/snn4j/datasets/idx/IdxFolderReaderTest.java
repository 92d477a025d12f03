package org.snn4j.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.snn4j.datasets.idx.IdxTestFiles.writeMnistFolder;
import static org.snn4j.datasets.idx.IdxTestFiles.writeSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.Split;
import org.snn4j.plugins.PluginRegistry;

class IdxFolderReaderTest {
  @TempDir Path dir;

  @Test
  void registryFindsTheIdxReadersByNameIgnoringCase() {
    PluginRegistry<DatasetReader> readers = PluginRegistry.load(DatasetReader.class);
    assertTrue(readers.loadErrors().isEmpty(), readers.loadErrors().toString());
    assertTrue(readers.names().containsAll(List.of("fashion-mnist", "kmnist", "mnist")), readers.names().toString());
    assertInstanceOf(FashionMnistReader.class, readers.get("Fashion-MNIST"));
    assertInstanceOf(MnistReader.class, readers.get("MNIST"));
    assertInstanceOf(KmnistReader.class, readers.get(" kmnist "));
    for (String name : List.of("fashion-mnist", "mnist", "kmnist")) {
      DatasetReader r = readers.get(name);
      assertEquals(name, r.name());
      assertFalse(r.description().isEmpty());
      assertEquals(10, ((IdxFolderReader) r).classCount());
    }
  }

  @Test
  void readsBothSplitsOfAFolderOfGzipFiles() throws IOException {
    writeMnistFolder(dir, true, 30, 12, 4);
    DatasetReader reader = new MnistReader();
    assertTrue(reader.isPresent(dir, Split.TRAIN));
    assertTrue(reader.isPresent(dir, Split.TEST));
    Dataset train = reader.read(dir, Split.TRAIN);
    Dataset test = reader.read(dir, Split.TEST);
    assertEquals(30, train.size());
    assertEquals(12, test.size());
    assertEquals(784, train.featureCount());
    assertEquals(10, train.classCount());
    assertEquals(4, train.label(0));
    assertEquals(5, test.label(11));
    assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz").toString(), test.source());
  }

  @Test
  void prefersTheUncompressedFileWhenBothExist() throws IOException {
    writeSplit(dir, "train", true, 5, 1);
    writeSplit(dir, "train", false, 5, 7);
    Dataset train = new FashionMnistReader().read(dir, Split.TRAIN);
    assertEquals(7, train.label(0));
    assertEquals(dir.resolve("train-images-idx3-ubyte").toString(), train.source());
  }

  @Test
  void isPresentNeedsBothFilesOfTheSplit() throws IOException {
    writeSplit(dir, "t10k", false, 3, 0);
    DatasetReader reader = new KmnistReader();
    assertTrue(reader.isPresent(dir, Split.TEST));
    assertFalse(reader.isPresent(dir, Split.TRAIN));
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
    assertFalse(reader.isPresent(dir, Split.TEST));
    assertFalse(reader.isPresent(dir.resolve("nowhere"), Split.TEST));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> reader.read(dir, Split.TEST));
    assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz"), e.getMessage());
  }
}
