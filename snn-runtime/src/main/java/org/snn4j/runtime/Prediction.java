package org.snn4j.runtime;

import java.util.Arrays;

/**
 * The classification of one sample: the output layer's spike counts over the model's time steps, its rates (counts
 * divided by the steps) and the predicted class, the output with the most spikes (the lowest index on a tie).
 *
 * @param label the predicted class, {@code 0 .. classes-1}
 * @param rates each output's spike count divided by {@code timesteps}
 * @param spikeCounts each output's spike count over the {@code timesteps} steps
 * @param timesteps the steps the sample ran for
 */
public record Prediction(int label, float[] rates, int[] spikeCounts, int timesteps) {
  /**
   * A prediction from spike counts.
   *
   * @param spikeCounts each output's spike count (copied)
   * @param timesteps the steps the counts are over, at least 1
   * @return the prediction, its label the first output with the most spikes
   */
  public static Prediction ofCounts(int[] spikeCounts, int timesteps) {
    int[] counts = spikeCounts.clone();
    float[] rates = new float[counts.length];
    int best = 0;
    for (int k = 0; k < counts.length; k++) {
      rates[k] = (float) counts[k] / timesteps;
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return new Prediction(best, rates, counts, timesteps);
  }

  /** Compares labels, steps and the arrays' contents. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction p && p.label == label && p.timesteps == timesteps && Arrays.equals(p.rates, rates)
        && Arrays.equals(p.spikeCounts, spikeCounts);
  }

  /** A hash of the label, the steps and the counts. */
  @Override
  public int hashCode() {
    return 31 * (31 * label + timesteps) + Arrays.hashCode(spikeCounts);
  }

  /** The label and the counts, e.g. {@code Prediction[label=3, spikeCounts=[0, 1, 0, 9], timesteps=10]}. */
  @Override
  public String toString() {
    return "Prediction[label=" + label + ", spikeCounts=" + Arrays.toString(spikeCounts) + ", timesteps=" + timesteps
        + "]";
  }
}
