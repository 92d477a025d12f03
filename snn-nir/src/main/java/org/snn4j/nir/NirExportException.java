package org.snn4j.nir;

/** A network has a layer NIR cannot express (max pooling, NeuNorm, an adaptive neuron...); the message names it. */
public final class NirExportException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A layer that does not export, with why. */
  public NirExportException(String message) {
    super(message);
  }
}
