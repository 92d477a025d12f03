package org.snn4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.PluginParams;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.Split;

/**
 * Where {@link DataLocator} found a dataset: a folder read by a {@link DatasetReader}, or the sample built into the
 * jar. Carries the notice the caller should print when the choice deserves a word (the built-in sample).
 */
public final class DataLocation {
  private final String dataset;
  private final DatasetReader reader;
  private final Path folder;
  private final String notice;

  private DataLocation(String dataset, DatasetReader reader, Path folder, String notice) {
    this.dataset = dataset;
    this.reader = reader;
    this.folder = folder;
    this.notice = notice;
  }

  /** The dataset in {@code folder}, read by {@code reader}. */
  public static DataLocation inFolder(DatasetReader reader, Path folder) {
    return new DataLocation(reader.name(), reader, folder, null);
  }

  /** The built-in sample, with the notice to print. */
  public static DataLocation builtinSample(String notice) {
    return new DataLocation(BuiltinSample.DATASET, null, null, notice);
  }

  /** The dataset's name, e.g. {@code fashion-mnist}. */
  public String dataset() {
    return dataset;
  }

  /** The folder holding the files; empty for the built-in sample. */
  public Optional<Path> folder() {
    return Optional.ofNullable(folder);
  }

  /** Whether this is the sample built into the jar. */
  public boolean isBuiltin() {
    return folder == null;
  }

  /** One line for the user to read, or null when there is nothing to say. */
  public String notice() {
    return notice;
  }

  /**
   * Reads one split.
   *
   * @throws org.snn4j.api.DatasetFormatException if a file is malformed
   * @throws IOException if a file cannot be read
   */
  public Dataset read(Split split) throws IOException {
    return isBuiltin() ? BuiltinSample.read(split) : reader.read(folder, split);
  }

  /**
   * Reads one split with the reader parameters of {@code spec} (e.g. {@code nmnist:frames=10}); the spec's name is
   * not checked here.
   *
   * @throws org.snn4j.api.PluginException if a parameter is unknown or out of range
   * @throws org.snn4j.api.DatasetFormatException if a file is malformed
   * @throws IOException if a file cannot be read
   */
  public Dataset read(Split split, PluginSpec spec) throws IOException {
    if (isBuiltin()) {
      // the sample takes no parameters: reject any, as the IDX reader would
      PluginParams.of(dataset, Map.of(), spec.params());
      return BuiltinSample.read(split);
    }
    return reader.read(folder, split, spec);
  }

  /** The reader of the files; empty for the built-in sample. */
  public Optional<DatasetReader> reader() {
    return Optional.ofNullable(reader);
  }

  /** The folder, or {@code builtin:fashion-mnist}: for summaries. */
  @Override
  public String toString() {
    return isBuiltin() ? "builtin:" + dataset : folder.toString();
  }
}
