package org.snn4j.api;

/**
 * A loss on the output firing rates {@code r[b][k] = (1/T) Σ_t o_last[t][b][k]}.
 */
public interface Loss {
  /** {@code mse} or {@code ce}. */
  String name();

  /**
   * Computes the batch loss and its gradient with respect to the rates.
   *
   * @param rates {@code [B][K]} flattened, not modified
   * @param labels {@code [B]} class indices in {@code [0, K)}
   * @param gradient receives {@code dLoss/dr}, {@code [B][K]}
   * @return the loss, averaged as the loss defines
   */
  float evaluate(float[] rates, int[] labels, int batch, int classes, float[] gradient);
}
