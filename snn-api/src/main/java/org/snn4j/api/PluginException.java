package org.snn4j.api;

/**
 * A plugin could not be found, loaded or configured. The message names the plugin, the parameter or the jar and
 * says what to do.
 */
public class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message meant for the user. */
  public PluginException(String message) {
    super(message);
  }

  /** An error with a message meant for the user and its cause. */
  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
