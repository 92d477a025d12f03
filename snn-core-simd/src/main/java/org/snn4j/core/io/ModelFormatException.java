package org.snn4j.core.io;

import java.io.IOException;

/** A model file is malformed; the message names the file, the byte offset and what was expected. */
public class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A problem at a byte offset of a file. */
  public ModelFormatException(String file, long offset, String problem) {
    super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + problem);
  }
}
