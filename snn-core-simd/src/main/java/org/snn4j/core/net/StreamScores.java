package org.snn4j.core.net;

import java.util.Arrays;

/**
 * A {@link StreamSession}'s class scores, kept one step at a time and computed as {@link NetworkForward} computes
 * them for a whole batch, in the same float operations and order, so that after {@code T} steps they are the batch
 * evaluation's scores bit for bit:
 *
 * <ul>
 *   <li>{@code rate}: each output's spike count {@code c}, score {@code (float) c / T} (the batch adds 1f per spike,
 *       exact for any count a float holds, then divides by T);
 *   <li>{@code vote:N}: the counts of class {@code k}'s N voters summed in float in neuron order, divided by N, then
 *       by T;
 *   <li>{@code membrane:decay=β}: {@code U = β·U + I} per step from {@code U = 0}, {@code Σ U} added in step order,
 *       divided by T at the end.
 * </ul>
 *
 * Allocates only in its constructor. Not thread-safe: it belongs to one session.
 */
final class StreamScores {
  private final Readout readout;
  private final int lanes;
  /** The last layer's neurons per lane (classes × N for a vote). */
  private final int outputs;
  private final int classes;
  /** A spiking last layer's spike counts since the reset, {@code [lanes][outputs]}; empty for the membrane readout. */
  private final int[] counts;
  /** The membrane readout's {@code U} after the last step and {@code Σ_t U[t]}, {@code [lanes][outputs]}. */
  private final float[] membrane;
  private final float[] sums;
  private int steps;

  StreamScores(Readout readout, int lanes, int outputs) {
    this.readout = readout;
    this.lanes = lanes;
    this.outputs = outputs;
    this.classes = readout.classes(outputs);
    int cells = Math.multiplyExact(lanes, outputs);
    this.counts = new int[readout.membrane() ? 0 : cells];
    this.membrane = new float[readout.membrane() ? cells : 0];
    this.sums = new float[membrane.length];
  }

  /** Forgets the counts, the membranes and the steps. */
  void reset() {
    Arrays.fill(counts, 0);
    Arrays.fill(membrane, 0f);
    Arrays.fill(sums, 0f);
    steps = 0;
  }

  int steps() {
    return steps;
  }

  int classes() {
    return classes;
  }

  /** Adds one step of the last layer's spikes, {@code [lanes][words(outputs)]} bits. */
  void countSpikes(long[] bits, int words) {
    for (int b = 0; b < lanes; b++) {
      for (int q = 0; q < words; q++) {
        for (long v = bits[b * words + q]; v != 0; v &= v - 1) {
          counts[b * outputs + (q << 6) + Long.numberOfTrailingZeros(v)]++;
        }
      }
    }
    steps++;
  }

  /** Integrates one step of the membrane readout's currents, {@code [lanes][outputs]}. */
  void integrate(float[] currents) {
    float decay = readout.decay();
    for (int i = 0; i < membrane.length; i++) {
      float u = decay * membrane[i] + currents[i];
      membrane[i] = u;
      sums[i] += u;
    }
    steps++;
  }

  /** Spikes of output neuron {@code k} of {@code lane} since the reset (a spiking last layer only). */
  int spikeCount(int lane, int k) {
    return counts[lane * outputs + k];
  }

  /** Spikes of class {@code k}'s voters (its one neuron, without a vote) of {@code lane} since the reset. */
  int classCount(int lane, int k) {
    int group = readout.group();
    int sum = 0;
    for (int j = 0; j < group; j++) {
      sum += counts[lane * outputs + k * group + j];
    }
    return sum;
  }

  /** The score of class {@code k} of {@code lane} after the steps so far (0 before the first). */
  float score(int lane, int k) {
    if (steps == 0) {
      return 0f;
    }
    if (readout.membrane()) {
      return sums[lane * outputs + k] / steps;
    }
    if (readout.vote()) {
      int group = readout.group();
      float sum = 0f;
      for (int j = 0; j < group; j++) {
        sum += counts[lane * outputs + k * group + j];
      }
      float mean = sum / group;
      return mean / steps;
    }
    return (float) counts[lane * outputs + k] / steps;
  }

  /** The class with the highest score, the lowest index on a tie: the batch evaluation's prediction. */
  int leader(int lane) {
    int best = 0;
    float top = score(lane, 0);
    for (int k = 1; k < classes; k++) {
      float s = score(lane, k);
      if (s > top) {
        best = k;
        top = s;
      }
    }
    return best;
  }

  /** The membrane readout's {@code U} after the last step, {@code [lanes][outputs]}, into {@code dst}. */
  void membranes(float[] dst) {
    System.arraycopy(membrane, 0, dst, 0, membrane.length);
  }
}
