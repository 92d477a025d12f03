package org.snn4j.core.train;

/**
 * What one training epoch did.
 *
 * @param epoch the epoch's number, from 1
 * @param samples samples trained on
 * @param meanLoss mean of the batch losses
 * @param seconds wall time, encoding included
 * @param firingRates per spiking layer, the fraction of neuron·steps that spiked over the epoch
 */
public record EpochResult(int epoch, int samples, double meanLoss, double seconds, double[] firingRates) {
  /** Training throughput. */
  public double samplesPerSecond() {
    return samples / Math.max(seconds, 1e-9);
  }
}
