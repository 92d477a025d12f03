package org.snn4j.runtime;

import java.util.Arrays;

/**
 * The classification of one sample: the class scores of the model's readout over its time steps, the predicted
 * class (the highest score, the lowest index on a tie) and the spike counts of the last layer that spikes. With the
 * rate readout the scores are the output layer's spike counts divided by the steps, and the label the output with
 * the most spikes; {@link SnnModel} says what the scores and counts are for the {@code vote} and {@code membrane}
 * readouts.
 *
 * @param label the predicted class, {@code 0 .. classes-1}
 * @param rates the class scores: each output's spike count divided by {@code timesteps} (rate readout), each class's
 *     voters' mean rate ({@code vote}), or the mean of the readout's membrane over the steps ({@code membrane})
 * @param spikeCounts each neuron's spike count over the {@code timesteps} steps, of the output layer (one per class;
 *     per voter with {@code vote}), or with {@code membrane} of the last spiking layer below the readout (empty when
 *     there is none)
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

  /**
   * A prediction from class scores: its label the first class with the highest score, as {@code snn eval} decides.
   *
   * @param scores each class's score (copied)
   * @param spikeCounts spike counts of the last layer that spikes (copied)
   * @param timesteps the steps the scores are over, at least 1
   * @return the prediction
   */
  public static Prediction ofScores(float[] scores, int[] spikeCounts, int timesteps) {
    float[] rates = scores.clone();
    int best = 0;
    for (int k = 1; k < rates.length; k++) {
      if (rates[k] > rates[best]) {
        best = k;
      }
    }
    return new Prediction(best, rates, spikeCounts.clone(), timesteps);
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
