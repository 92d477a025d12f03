package org.snn4j.core.loss;

import org.snn4j.api.Loss;

/**
 * The STBP paper's loss: mean squared error between output rates and one-hot labels, averaged over batch and
 * classes (PyTorch's {@code MSELoss()} on {@code [B][K]}).
 *
 * <pre>
 *   L = (1 / (B·K)) Σ_b Σ_k (r[b][k] - y[b][k])²       dL/dr[b][k] = 2 (r[b][k] - y[b][k]) / (B·K)
 * </pre>
 */
public final class MseRateLoss implements Loss {
  @Override
  public String name() {
    return "mse";
  }

  @Override
  public float evaluate(float[] rates, int[] labels, int batch, int classes, float[] gradient) {
    double sum = 0;
    float scale = 2f / (batch * classes);
    for (int b = 0; b < batch; b++) {
      for (int k = 0; k < classes; k++) {
        int i = b * classes + k;
        float d = rates[i] - (labels[b] == k ? 1f : 0f);
        sum += (double) d * d;
        gradient[i] = scale * d;
      }
    }
    return (float) (sum / (batch * classes));
  }
}
