package org.snn4j.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Extension point for dataset formats, registered in {@code META-INF/services/org.snn4j.api.DatasetReader}. A
 * reader knows the file layout of one dataset family in a folder.
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
}
