package org.snn4j.core.io;

import java.io.IOException;

/**
 * A model file is malformed or cannot be used; the message names the file and, for the layout, the byte offset and what
 * was expected, for the header, the key and its value.
 */
public class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A problem at a byte offset of a file. */
  public ModelFormatException(String file, long offset, String problem) {
    super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + problem);
  }

  /** A problem with the file as a whole or with a header value; {@code message} names the file. */
  public ModelFormatException(String message) {
    super(message);
  }
}
