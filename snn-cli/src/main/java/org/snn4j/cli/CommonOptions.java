package org.snn4j.cli;

import java.nio.file.Path;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginSpec;
import picocli.CommandLine.Option;

/** Options every data-consuming command shares. */
final class CommonOptions {
  @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "Dataset NAME[:param=value,...], e.g. nmnist:frames=10 (default: ${DEFAULT-VALUE}); see 'snn data list'.")
  String dataset;

  @Option(
      names = "--data-dir",
      description = "Folder holding the dataset's files. Default: $SNN_DATA, ~/.snn/data/<name>, /usr/share/datasets/<name>,"
          + " then the built-in Fashion-MNIST sample.")
  Path dataDir;

  @Option(names = "--threads", description = "Worker threads (default: the number of CPUs).")
  Integer threads;

  @Option(names = "--seed", defaultValue = "0", description = "Seed for initialisation, shuffling and spike encoding (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--batch", defaultValue = "100", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--test-limit", description = "Use only the first N test samples.")
  Integer testLimit;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  @Option(names = "--verbose", description = "Print stack traces with errors.")
  boolean verbose;

  /** The dataset with its reader parameters, e.g. {@code nmnist:frames=10,split=time}. */
  PluginSpec datasetSpec() {
    try {
      return PluginSpec.parse(dataset);
    } catch (PluginException e) {
      throw new UsageException("--dataset: " + e.getMessage());
    }
  }

  int threads() {
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1 || t > 1024) {
      throw new UsageException("--threads must be between 1 and 1024, got " + t);
    }
    return t;
  }

  void validate() {
    if (batch < 1) {
      throw new UsageException("--batch must be > 0, got " + batch);
    }
    if (testLimit != null && testLimit < 1) {
      throw new UsageException("--test-limit must be > 0, got " + testLimit);
    }
    threads();
  }

  boolean progress() {
    return !noProgress && ProgressBar.interactive();
  }
}
