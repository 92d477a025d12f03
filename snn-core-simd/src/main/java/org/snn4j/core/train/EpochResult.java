package org.snn4j.core.train;

/**
 * What one training epoch did.
 *
 * @param epoch the epoch's number, from 1
 * @param samples samples trained on
 * @param meanLoss mean of the batch losses
 * @param seconds wall time, encoding included
 * @param firingRates per spiking layer, the fraction of neuron·steps that spiked over the epoch
 * @param trainCorrect samples whose highest output rate in their training pass was at their label (counted from
 *     the rates the step computed anyway, before its update), or -1 when unknown (an epoch resumed from an older
 *     checkpoint)
 */
public record EpochResult(
    int epoch, int samples, double meanLoss, double seconds, double[] firingRates, int trainCorrect) {
  /** An epoch whose correct training predictions were not counted. */
  public EpochResult(int epoch, int samples, double meanLoss, double seconds, double[] firingRates) {
    this(epoch, samples, meanLoss, seconds, firingRates, -1);
  }

  /** Training accuracy in percent over the epoch's training passes, NaN when {@link #trainCorrect()} is unknown. */
  public double trainAccuracyPercent() {
    return trainCorrect < 0 ? Double.NaN : 100.0 * trainCorrect / Math.max(1, samples);
  }

  /** Training throughput. */
  public double samplesPerSecond() {
    return samples / Math.max(seconds, 1e-9);
  }
}
