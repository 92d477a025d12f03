package org.snn4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.api.Dataset;
import org.snn4j.api.Split;
import org.snn4j.datasets.idx.FashionMnistReader;
import org.snn4j.datasets.idx.IdxDataset;

/** Reads the full set where Debian's {@code dataset-fashion-mnist} is installed; skipped elsewhere. */
class FullFashionMnistTest {
  private static final Path FOLDER = DataLocator.SYSTEM_DATASETS.resolve("fashion-mnist");

  private static IdxDataset train;
  private static IdxDataset test;
  private static long trainReadNanos;

  @BeforeAll
  static void readFullSet() throws IOException {
    assumeTrue(
        Files.isDirectory(FOLDER), FOLDER + " is absent (apt-get install dataset-fashion-mnist)");
    FashionMnistReader reader = new FashionMnistReader();
    long start = System.nanoTime();
    train = (IdxDataset) reader.read(FOLDER, Split.TRAIN);
    trainReadNanos = System.nanoTime() - start;
    test = (IdxDataset) reader.read(FOLDER, Split.TEST);
  }

  @Test
  void hasSixtyThousandTrainingAndTenThousandTestImagesOf28x28() {
    assertEquals(60000, train.size());
    assertEquals(10000, test.size());
    assertEquals(28, train.rows());
    assertEquals(28, train.cols());
    assertEquals(784, test.featureCount());
    int[] perClass = new int[10];
    for (int i = 0; i < train.size(); i++) {
      perClass[train.label(i)]++;
    }
    int[] sixThousandEach = new int[10];
    Arrays.fill(sixThousandEach, 6000);
    assertArrayEquals(sixThousandEach, perClass);
  }

  @Test
  void readsTheTrainingImagesQuickly() {
    // 26 MB of gzip; typically ~0.3 s. The bound is loose so a busy CI machine does not fail it
    assertTrue(trainReadNanos < 5_000_000_000L, "took " + trainReadNanos / 1_000_000 + " ms");
  }

  @Test
  void builtinSampleIsTheFirstItemsOfTheFullSet() throws IOException {
    assertPrefix(BuiltinSample.read(Split.TRAIN), train, BuiltinSample.TRAIN_SIZE);
    assertPrefix(BuiltinSample.read(Split.TEST), test, BuiltinSample.TEST_SIZE);
  }

  private static void assertPrefix(Dataset sample, Dataset full, int size) {
    assertEquals(size, sample.size());
    float[] a = new float[784];
    float[] b = new float[784];
    for (int i = 0; i < size; i++) {
      assertEquals(full.label(i), sample.label(i), "label " + i);
      sample.features(i, a, 0);
      full.features(i, b, 0);
      assertArrayEquals(b, a, "image " + i);
    }
  }
}
