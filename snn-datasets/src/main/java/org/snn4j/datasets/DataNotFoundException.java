package org.snn4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset's files are not where they were looked for. The one-line message says where that was and how to get
 * the data; it is meant to be shown to the user as is.
 */
public class DataNotFoundException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An array of strings because exceptions are serializable and neither {@link Path} nor {@link List} is. */
  private final String[] searched;

  /**
   * @param message one line: where it looked and what to do
   * @param searched the folders looked in, in order
   */
  public DataNotFoundException(String message, List<Path> searched) {
    super(message);
    this.searched = searched.stream().map(Path::toString).toArray(String[]::new);
  }

  /** The folders looked in, in order. */
  public List<String> searched() {
    return List.of(searched);
  }
}
