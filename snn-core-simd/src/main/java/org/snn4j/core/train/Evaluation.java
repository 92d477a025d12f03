package org.snn4j.core.train;

/**
 * The result of running a network over a labelled dataset without training.
 *
 * @param samples samples evaluated
 * @param correct samples whose highest output rate was at their label (ties go to the lowest class)
 * @param meanLoss mean batch loss
 * @param seconds wall time, encoding included
 * @param firingRates per spiking layer, the fraction of neuron·steps that spiked
 */
public record Evaluation(int samples, int correct, double meanLoss, double seconds, double[] firingRates) {
  /** Accuracy in percent. */
  public double accuracyPercent() {
    return 100.0 * correct / Math.max(1, samples);
  }

  /** Inference throughput. */
  public double samplesPerSecond() {
    return samples / Math.max(seconds, 1e-9);
  }
}
