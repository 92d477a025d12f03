package org.snn4j.datasets.idx;

/** MNIST (LeCun et al.): 28×28 grey images of handwritten digits, 60,000 train / 10,000 test. */
public final class MnistReader extends IdxFolderReader {
  /** The plugin name. */
  public static final String NAME = "mnist";

  /** Called by {@link java.util.ServiceLoader}. */
  public MnistReader() {
    super(NAME, "MNIST: 28x28 handwritten digits, 10 classes, four IDX files (raw or .gz)", 10);
  }
}
