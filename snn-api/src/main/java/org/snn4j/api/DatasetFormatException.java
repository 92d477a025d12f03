package org.snn4j.api;

import java.io.IOException;

/**
 * A data file is malformed. The message names the file and the byte offset where the problem was found, and says
 * what was expected.
 */
public class DatasetFormatException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final long offset;

  /**
   * @param file the file's path as the user gave it
   * @param offset the byte offset of the problem (in the decompressed stream for gzip files), or -1
   * @param problem what is wrong and what was expected
   */
  public DatasetFormatException(String file, long offset, String problem) {
    super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  /** The file. */
  public String file() {
    return file;
  }

  /** The byte offset, or -1 when it does not apply. */
  public long offset() {
    return offset;
  }
}
