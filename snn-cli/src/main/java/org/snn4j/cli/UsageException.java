package org.snn4j.cli;

/** A flag value or combination the user must fix; the message names the flag. Exit code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
