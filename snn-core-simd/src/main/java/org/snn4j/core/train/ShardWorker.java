package org.snn4j.core.train;

import org.snn4j.api.Dataset;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Computes the gradient of one shard of a batch ({@link GradientShards}): encodes the shard's samples exactly as
 * {@link TrainingLoop} encodes a batch (each sample from {@code (seed, epoch, index)}), runs the trainer's forward
 * and backward pass on them, and copies out the gradients. The trainer's own parameters are read, never updated.
 * Confined to one thread at a time.
 */
public final class ShardWorker {
  private final StbpTrainer trainer;
  private final BatchEncoder batches;
  private final BatchEncoder.Slot slot = new BatchEncoder.Slot();
  private final WorkerPool pool;

  /**
   * @param trainer the network (holding the parameters to differentiate at), its surrogate and loss
   * @param data the training set the shuffled order indexes
   * @param augmentation applied to every sample, or null
   * @param pool the threads to use, the trainer's
   * @throws IllegalArgumentException if the encoded data do not fit the network's input
   */
  public ShardWorker(StbpTrainer trainer, Dataset data, SpikeEncoder encoder, int timesteps, long seed,
      Augmentation augmentation, WorkerPool pool) {
    this.trainer = trainer;
    this.pool = pool;
    this.batches = new BatchEncoder(data, encoder, timesteps, seed, augmentation);
    if (batches.width() != trainer.network().inputSize()) {
      throw new IllegalArgumentException(data.source() + " gives " + batches.width() + " input channels per step"
          + " but the network's input layer has " + trainer.network().inputSize());
    }
  }

  /** The trainer whose parameters the gradients are taken at. */
  public StbpTrainer trainer() {
    return trainer;
  }

  /**
   * The gradient of shard {@code index}: the samples {@code order[from .. from + samples)} of epoch {@code epoch}.
   *
   * @param samples at least 1
   */
  public GradientShards.Shard compute(int index, int epoch, int[] order, int from, int samples) {
    return compute(index, epoch, order, from, samples, true);
  }

  /**
   * As {@link #compute(int, int, int[], int, int)}; without {@code copy} the shard holds no gradients (null) and the
   * trainer's parameters hold them, for a caller that steps the trainer's optimizer right away ({@link
   * StbpTrainer#applyGradients}): a copy of the README MLP's gradients is 2.5 MB per step.
   */
  public GradientShards.Shard compute(int index, int epoch, int[] order, int from, int samples, boolean copy) {
    batches.encode(slot, order, from, samples, epoch, pool);
    float loss = slot.currents != null
        ? trainer.computeGradients(slot.currents, slot.labels)
        : trainer.computeGradients(slot.spikes, slot.labels);
    var parameters = trainer.network().parameters();
    float[][] gradients = copy ? new float[parameters.size()][] : null;
    for (int q = 0; copy && q < gradients.length; q++) {
      Parameter p = parameters.get(q);
      gradients[q] = p.gradient().clone();
    }
    return new GradientShards.Shard(index, samples, loss, trainer.lastSpikeCounts().clone(),
        trainer.lastCorrect(slot.labels, samples), gradients);
  }
}
