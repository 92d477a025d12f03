package org.snn4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.PluginKind;
import org.snn4j.api.Split;

/**
 * What a dataset reader must satisfy to work in training: it is found by name, recognises its files, reads them
 * into a dataset whose labels are in range and whose features are finite values in [0, 1], written exactly where
 * asked, the same every time and from several threads at once; and it reports missing or damaged files as an
 * {@link IOException} that names the file, never as a crash.
 *
 * <p>Extend it, return your reader from {@link #reader()} and write a small copy of your format in {@link
 * #writeSample(Path)}. Override {@link #damage(Path)} to check how a damaged file is reported.
 */
public abstract class DatasetReaderContractTestCase {
  /** The reader under test, as ServiceLoader would create it. */
  protected abstract DatasetReader reader();

  /** Writes a small, valid copy of the format, with every split in {@link #splits()}, into the empty {@code folder}. */
  protected abstract void writeSample(Path folder) throws IOException;

  /**
   * Damages the copy {@link #writeSample} wrote (truncates a file, writes a bad header...) so that reading must
   * fail, and returns the damaged file, whose name the error must contain; or returns null to skip the check.
   */
  protected Path damage(Path folder) throws IOException {
    return null;
  }

  /** The splits the sample holds. */
  protected Set<Split> splits() {
    return EnumSet.allOf(Split.class);
  }

  @Test
  void nameIsValidAndStable() {
    PluginChecks.nameIsValidAndStable(reader());
  }

  @Test
  void describesItselfOnOneLine() {
    PluginChecks.describesItselfOnOneLine(reader());
  }

  @Test
  void declaresValidParameters() {
    PluginChecks.declaresValidParameters(reader());
  }

  @Test
  void discoverableByName() {
    PluginChecks.discoverableByName(PluginKind.DATASET, reader());
  }

  @Test
  void emptyFolderHoldsNothing(@TempDir Path empty) {
    for (Split split : splits()) {
      assertFalse(reader().isPresent(empty, split), "isPresent(empty folder, " + split + ") must be false");
    }
  }

  @Test
  void missingFilesAreAnIoExceptionNotACrash(@TempDir Path empty) {
    for (Split split : splits()) {
      try {
        reader().read(empty, split);
        fail("read(empty folder, " + split + ") must throw an IOException");
      } catch (IOException expected) {
        assertNotNull(expected.getMessage(), "the exception should say which file is missing");
      } catch (RuntimeException e) {
        fail("read(empty folder, " + split + ") must throw an IOException naming the missing file, not " + e, e);
      }
    }
  }

  @Test
  void sampleIsRecognisedAndReadsAsAConsistentDataset(@TempDir Path folder) throws IOException {
    writeSample(folder);
    for (Split split : splits()) {
      assertTrue(reader().isPresent(folder, split), "isPresent(sample, " + split + ") must be true");
      Dataset d = reader().read(folder, split);
      assertNotNull(d, "read returned null");
      String what = split + " of " + reader().name();
      assertTrue(d.size() > 0, what + ": size " + d.size());
      assertTrue(d.featureCount() > 0, what + ": featureCount " + d.featureCount());
      assertTrue(d.classCount() > 0, what + ": classCount " + d.classCount());
      assertTrue(d.timesteps() >= 0, what + ": timesteps " + d.timesteps());
      assertTrue(d.source() != null && !d.source().isBlank(), what + ": source() should say where the data is");
      int width = width(d);
      for (int i = 0; i < d.size(); i++) {
        int label = d.label(i);
        assertTrue(label >= 0 && label < d.classCount(), what + ": label of sample " + i + " is " + label
            + ", outside [0, " + d.classCount() + ")");
        float[] dst = new float[width + 7];
        Arrays.fill(dst, -9f);
        d.features(i, dst, 3);
        for (int j = 0; j < dst.length; j++) {
          if (j < 3 || j >= 3 + width) {
            assertEquals(-9f, dst[j], what + ": features(" + i + ") wrote outside its " + width + " values");
          } else {
            float v = dst[j];
            assertTrue(v >= 0f && v <= 1f, what + ": feature " + (j - 3) + " of sample " + i + " is " + v
                + ", outside [0, 1]");
          }
        }
      }
    }
  }

  @Test
  void readingTwiceAndFromManyThreadsGivesTheSameSamples(@TempDir Path folder) throws Exception {
    writeSample(folder);
    for (Split split : splits()) {
      Dataset first = reader().read(folder, split);
      Dataset second = reader().read(folder, split);
      assertEquals(first.size(), second.size(), "size differs between two reads");
      float[][] expected = new float[first.size()][];
      for (int i = 0; i < first.size(); i++) {
        expected[i] = features(first, i);
        assertArrayEquals(expected[i], features(second, i), "sample " + i + " differs between two reads");
        assertEquals(first.label(i), second.label(i), "label " + i + " differs between two reads");
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<float[]>> results = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
          for (int i = 0; i < first.size(); i++) {
            int sample = i;
            results.add(pool.submit(() -> features(first, sample)));
          }
        }
        for (int k = 0; k < results.size(); k++) {
          assertArrayEquals(expected[k % first.size()], results.get(k).get(),
              "sample " + k % first.size() + " differs when read from several threads");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void damagedFileIsAnIoExceptionNamingIt(@TempDir Path folder) throws IOException {
    writeSample(folder);
    Path damaged = damage(folder);
    if (damaged == null) {
      return;
    }
    String file = damaged.getFileName().toString();
    boolean failed = false;
    for (Split split : splits()) {
      try {
        Dataset d = reader().read(folder, split);
        for (int i = 0; i < d.size(); i++) {
          features(d, i);
          d.label(i);
        }
      } catch (IOException e) {
        failed = true;
        assertTrue(String.valueOf(e.getMessage()).contains(file), "the error should name " + file + ": " + e);
      } catch (RuntimeException e) {
        fail("a damaged " + file + " must be reported as an IOException naming it, not " + e, e);
      }
    }
    assertTrue(failed, "reading after damage(...) to " + file + " should have failed");
  }

  private static int width(Dataset d) {
    return d.timesteps() > 0 ? d.timesteps() * d.featureCount() : d.featureCount();
  }

  private static float[] features(Dataset d, int i) {
    float[] x = new float[width(d)];
    d.features(i, x, 0);
    return x;
  }
}
