package org.snn4j.datasets;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.snn4j.api.Dataset;
import org.snn4j.api.Split;
import org.snn4j.datasets.idx.FashionMnistReader;
import org.snn4j.datasets.idx.IdxArray;
import org.snn4j.datasets.idx.IdxDataset;
import org.snn4j.datasets.idx.IdxReader;

/**
 * The Fashion-MNIST sample inside this jar: the first 6,000 training and first 1,000 test items, so {@code snn
 * train} works on a machine without the full set. Made by {@code snn-datasets/tools/make-sample.py}; licence in
 * {@code NOTICE-fashion-mnist.txt} next to the files.
 */
public final class BuiltinSample {
  /** The dataset the sample is cut from. */
  public static final String DATASET = FashionMnistReader.NAME;

  /** Training items in the sample. */
  public static final int TRAIN_SIZE = 6000;

  /** Test items in the sample. */
  public static final int TEST_SIZE = 1000;

  private static final String RESOURCE_DIR = "/org/snn4j/datasets/sample/fashion-mnist/";
  private static final FashionMnistReader LAYOUT = new FashionMnistReader();

  private BuiltinSample() {}

  /** Whether the jar holds a sample of {@code dataset} (a plugin name, lower-case). */
  public static boolean covers(String dataset) {
    return DATASET.equals(dataset);
  }

  /**
   * Reads one split of the sample through the same {@link IdxReader} as files on disk; messages name the data
   * {@code builtin:fashion-mnist/<file>.gz}.
   */
  public static Dataset read(Split split) throws IOException {
    String images = LAYOUT.imagesFileName(split) + ".gz";
    String labels = LAYOUT.labelsFileName(split) + ".gz";
    IdxArray imageArray = IdxReader.read(open(images), displayName(images), IdxReader.IMAGE_RANK);
    IdxArray labelArray = IdxReader.read(open(labels), displayName(labels), IdxReader.LABEL_RANK);
    return IdxDataset.of(
        imageArray, displayName(images), labelArray, displayName(labels), IdxDataset.DEFAULT_CLASS_COUNT);
  }

  private static String displayName(String file) {
    return "builtin:" + DATASET + "/" + file;
  }

  private static InputStream open(String file) throws FileNotFoundException {
    InputStream in = BuiltinSample.class.getResourceAsStream(RESOURCE_DIR + file);
    if (in == null) {
      throw new FileNotFoundException(
          displayName(file) + " is missing from the snn-datasets jar (resource " + RESOURCE_DIR + file
              + "); rebuild it, or install the full set with apt-get install dataset-fashion-mnist");
    }
    return in;
  }
}
