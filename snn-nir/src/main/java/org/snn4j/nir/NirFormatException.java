package org.snn4j.nir;

import org.snn4j.core.io.ModelFormatException;

/**
 * A NIR file cannot be read, or holds a graph snn4j cannot import; the message names the file and, where there is
 * one, the node and the field.
 */
public final class NirFormatException extends ModelFormatException {
  private static final long serialVersionUID = 1L;

  /** A problem with {@code file}: "FILE: PROBLEM". */
  public NirFormatException(String file, String problem) {
    super(file + ": " + problem);
  }

  /** A problem with {@code file} that {@code cause} (the HDF5 reader's) explains. */
  public NirFormatException(String file, String problem, Throwable cause) {
    super(file + ": " + problem);
    initCause(cause);
  }
}
