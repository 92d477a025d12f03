package org.snn4j.runtime;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be used: missing, damaged, or naming something this run cannot provide (a neuron or
 * encoder no loaded plugin offers). The message names the file and, where one is to blame, the header field or the
 * byte offset; {@link #file()} and {@link #field()} give them to code.
 */
public final class ModelException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The model file. */
  private final transient Path file;

  /** The header field to blame, or null. */
  private final String field;

  /**
   * An error about {@code file}.
   *
   * @param file the model file
   * @param field the header field to blame, or null when the problem is not one field's
   * @param message the whole message, which names the file (and the field, when there is one)
   * @param cause the underlying error, or null
   */
  public ModelException(Path file, String field, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.field = field;
  }

  /**
   * The model file the error is about.
   *
   * @return the file as it was given to {@link SnnModel#load}
   */
  public Path file() {
    return file;
  }

  /**
   * The header field to blame, e.g. {@code encoder} or {@code timesteps}.
   *
   * @return the field, or null when the problem is not one field's (a damaged file, a wrong size)
   */
  public String field() {
    return field;
  }
}
