package org.snn4j.datasets.idx;

/** Fashion-MNIST (Zalando, 2017): 28×28 grey images of clothing in 10 classes, 60,000 train / 10,000 test. */
public final class FashionMnistReader extends IdxFolderReader {
  /** The plugin name. */
  public static final String NAME = "fashion-mnist";

  /** Called by {@link java.util.ServiceLoader}. */
  public FashionMnistReader() {
    super(NAME, "Fashion-MNIST: 28x28 clothing images, 10 classes, four IDX files (raw or .gz)", 10);
  }
}
