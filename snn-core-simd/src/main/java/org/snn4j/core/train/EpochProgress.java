package org.snn4j.core.train;

import java.util.Arrays;

/**
 * Where the training of one epoch stands: the batches done (they are taken in order from the epoch's shuffle, so
 * this count is the position in the data) and what they added up to, so far. {@link TrainingLoop#trainEpoch(
 * org.snn4j.api.Dataset, int, EpochProgress, ProgressListener, BatchHook)} advances it; a checkpoint saves it and a
 * resumed run goes on from it, so the epoch's result counts the batches before the interruption too.
 */
public final class EpochProgress {
  private int batches;
  private int samples;
  private double lossSum;
  private final long[] spikes;
  private double seconds;
  /** Training samples whose highest output rate was at their label; -1 when unknown (an older checkpoint's). */
  private int correct;

  /** An epoch not started, for a network of {@code layers} layers. */
  public EpochProgress(int layers) {
    this(0, 0, 0, new long[layers], 0, 0);
  }

  /**
   * An epoch part done, without a count of correct training predictions (a checkpoint from before they were
   * counted): its epoch's {@link EpochResult#trainAccuracyPercent()} is then NaN.
   */
  public EpochProgress(int batches, int samples, double lossSum, long[] spikes, double seconds) {
    this(batches, samples, lossSum, spikes, seconds, -1);
  }

  /**
   * An epoch part done, as {@link #batches()}, {@link #samples()}, {@link #lossSum()}, {@link #spikeCounts()},
   * {@link #seconds()} and {@link #correct()} gave it.
   *
   * @param correct -1 when unknown
   * @throws IllegalArgumentException for negative counts or seconds, or a loss sum that is not finite
   */
  public EpochProgress(int batches, int samples, double lossSum, long[] spikes, double seconds, int correct) {
    if (correct < -1 || correct > samples) {
      throw new IllegalArgumentException("not an epoch's progress: " + correct + " correct of " + samples
          + " samples");
    }
    if (batches < 0 || samples < 0 || samples < batches || !(seconds >= 0) || !Double.isFinite(lossSum)) {
      throw new IllegalArgumentException("not an epoch's progress: " + batches + " batches, " + samples
          + " samples, loss sum " + lossSum + ", " + seconds + " s");
    }
    for (long s : spikes) {
      if (s < 0) {
        throw new IllegalArgumentException("a spike count must be >= 0, got " + s);
      }
    }
    this.batches = batches;
    this.samples = samples;
    this.lossSum = lossSum;
    this.spikes = spikes.clone();
    this.seconds = seconds;
    this.correct = correct;
  }

  /** Batches trained so far in this epoch; the next one is batch {@code batches() + 1} of the epoch. */
  public int batches() {
    return batches;
  }

  /** Samples trained so far in this epoch. */
  public int samples() {
    return samples;
  }

  /** Sum of the batch losses so far. */
  public double lossSum() {
    return lossSum;
  }

  /** Spikes each layer put out so far in this epoch (a copy). */
  public long[] spikeCounts() {
    return spikes.clone();
  }

  /** Wall time spent on this epoch's batches so far, encoding included, before an interruption too. */
  public double seconds() {
    return seconds;
  }

  /**
   * Training samples so far whose highest output rate in their training pass (before the step's update; ties go to
   * the lowest class) was at their label, or -1 when unknown (resumed from a checkpoint that did not count them).
   */
  public int correct() {
    return correct;
  }

  /** Mean batch loss so far (0 before the first batch). */
  public double meanLoss() {
    return lossSum / Math.max(1, batches);
  }

  void add(int batch, float loss, long[] batchSpikes, int batchCorrect) {
    batches++;
    if (correct >= 0) {
      correct += batchCorrect;
    }
    samples += batch;
    lossSum += loss;
    for (int l = 0; l < spikes.length; l++) {
      spikes[l] += batchSpikes[l];
    }
  }

  void setSeconds(double seconds) {
    this.seconds = seconds;
  }

  long[] spikes() {
    return spikes;
  }

  @Override
  public String toString() {
    return batches + " batches, " + samples + " samples, loss sum " + lossSum + ", spikes " + Arrays.toString(spikes)
        + ", " + seconds + " s, " + correct + " correct";
  }
}
