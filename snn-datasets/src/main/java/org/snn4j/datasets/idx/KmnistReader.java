package org.snn4j.datasets.idx;

/** Kuzushiji-MNIST (Clanuwat et al., 2018): 28×28 grey images of cursive Japanese characters in 10 classes. */
public final class KmnistReader extends IdxFolderReader {
  /** The plugin name. */
  public static final String NAME = "kmnist";

  /** Called by {@link java.util.ServiceLoader}. */
  public KmnistReader() {
    super(NAME, "Kuzushiji-MNIST: 28x28 cursive Japanese characters, 10 classes, four IDX files (raw or .gz)", 10);
  }
}
