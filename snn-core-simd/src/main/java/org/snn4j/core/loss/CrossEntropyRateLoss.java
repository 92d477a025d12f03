package org.snn4j.core.loss;

import org.snn4j.api.Loss;

/**
 * Cross-entropy with the output rates as logits, averaged over the batch:
 *
 * <pre>
 *   p[b] = softmax(r[b])      L = -(1/B) Σ_b log p[b][label_b]      dL/dr[b][k] = (p[b][k] - y[b][k]) / B
 * </pre>
 */
public final class CrossEntropyRateLoss implements Loss {
  @Override
  public String name() {
    return "ce";
  }

  @Override
  public float evaluate(float[] rates, int[] labels, int batch, int classes, float[] gradient) {
    double total = 0;
    for (int b = 0; b < batch; b++) {
      int base = b * classes;
      float max = Float.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, rates[base + k]);
      }
      double z = 0;
      for (int k = 0; k < classes; k++) {
        z += Math.exp(rates[base + k] - max);
      }
      double logZ = Math.log(z) + max;
      total += logZ - rates[base + labels[b]];
      for (int k = 0; k < classes; k++) {
        double p = Math.exp(rates[base + k] - logZ);
        gradient[base + k] = (float) ((p - (labels[b] == k ? 1 : 0)) / batch);
      }
    }
    return (float) (total / batch);
  }
}
