package org.snn4j.core.loss;

import org.snn4j.api.Loss;

/**
 * Mean squared error on spike counts, snnTorch's {@code mse_count_loss(correct_rate=1, incorrect_rate=0)}: the count
 * of output {@code k} over the {@code T} steps, {@code c[b][k] = T·s[b][k]} ({@code s} the readout's scores, the rates
 * by default), against the target count {@code T} for the label and 0 for the other classes (the one-hot label times
 * {@code T}), averaged over batch and classes and divided by {@code T} as snnTorch does:
 *
 * <pre>
 *   L = (1 / (B·K·T)) Σ_b Σ_k (c[b][k] - T·y[b][k])²       dL/ds[b][k] = 2 (c[b][k] - T·y[b][k]) / (B·K)
 * </pre>
 *
 * This is {@code T} times the rate MSE ({@code mse}): the same minimum, a gradient {@code T} times as large. With a
 * vote readout the count is the mean count of a class's voters; with the membrane readout, {@code T} times the mean
 * membrane (the sum of {@code U[t]}).
 */
public final class MseCountLoss implements Loss {
  private final int timesteps;

  /**
   * The loss for counts over {@code timesteps} steps.
   *
   * @throws IllegalArgumentException if {@code timesteps < 1}
   */
  public MseCountLoss(int timesteps) {
    if (timesteps < 1) {
      throw new IllegalArgumentException("mse-count needs the time steps, >= 1, got " + timesteps);
    }
    this.timesteps = timesteps;
  }

  /** The steps the counts are over. */
  public int timesteps() {
    return timesteps;
  }

  @Override
  public String name() {
    return "mse-count";
  }

  @Override
  public float evaluate(float[] rates, int[] labels, int batch, int classes, float[] gradient) {
    double sum = 0;
    float steps = timesteps;
    float scale = 2f / (batch * classes);
    for (int b = 0; b < batch; b++) {
      for (int k = 0; k < classes; k++) {
        int i = b * classes + k;
        float d = steps * rates[i] - (labels[b] == k ? steps : 0f);
        sum += (double) d * d;
        gradient[i] = scale * d;
      }
    }
    return (float) (sum / ((double) batch * classes * timesteps));
  }
}
