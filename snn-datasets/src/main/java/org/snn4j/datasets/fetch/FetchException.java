package org.snn4j.datasets.fetch;

import java.io.IOException;

/**
 * A download or unpacking failed. The one-line message says what happened, what was left on disk (a {@code .part}
 * file that the next run resumes, or nothing) and what to do.
 */
public class FetchException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An error with a message meant for the user. */
  public FetchException(String message) {
    super(message);
  }

  /** An error with a message meant for the user and its cause. */
  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
