package org.snn4j.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Extension point for dataset formats, registered in {@code META-INF/services/org.snn4j.api.DatasetReader}. A
 * reader knows the file layout of one dataset family in a folder.
 *
 * <p>A reader may take parameters (an event reader's frame count, say): it declares them with their defaults in
 * {@link #parameterDefaults()} and reads them in {@link #read(Path, Split, PluginParams)}. Users write them as a
 * spec, {@code nmnist:frames=10,split=number}; {@link #read(Path, Split, PluginSpec)} checks the spec against the
 * declared parameters. Readers without parameters implement only {@link #read(Path, Split)}.
 */
public interface DatasetReader extends Plugin {
  /** Whether {@code folder} holds the files this reader needs for {@code split}. */
  boolean isPresent(Path folder, Split split);

  /**
   * Reads one split from {@code folder}.
   *
   * @throws DatasetFormatException if a file is malformed; the message names the file and byte offset
   * @throws IOException if a file cannot be read
   */
  Dataset read(Path folder, Split split) throws IOException;

  /**
   * Reads one split with parameters already merged over {@link #parameterDefaults()}. The default ignores them
   * and calls {@link #read(Path, Split)}, which is right for readers that declare no parameters; readers that
   * declare some override this and make {@link #read(Path, Split)} use the defaults.
   *
   * @throws DatasetFormatException if a file is malformed; the message names the file and byte offset
   * @throws PluginException if a parameter value is out of range; the message names the parameter
   * @throws IOException if a file cannot be read
   */
  default Dataset read(Path folder, Split split, PluginParams params) throws IOException {
    return read(folder, split);
  }

  /**
   * Reads one split configured by a spec such as {@code nmnist:frames=10}; the spec's name is not checked here.
   *
   * @throws PluginException if a parameter is unknown, does not parse or is out of range
   * @throws DatasetFormatException if a file is malformed
   * @throws IOException if a file cannot be read
   */
  default Dataset read(Path folder, Split split, PluginSpec spec) throws IOException {
    return read(folder, split, PluginParams.of(name(), parameterDefaults(), spec.params()));
  }
}
