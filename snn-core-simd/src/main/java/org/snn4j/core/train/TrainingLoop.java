package org.snn4j.core.train;

import org.snn4j.api.Dataset;
import org.snn4j.api.Loss;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.net.SplitMix64;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Epochs of STBP training and evaluation over datasets: seeded shuffling, batching, spike encoding, and the
 * statistics a user watches (loss, accuracy, firing rates, samples/s).
 *
 * <p>Reproducible: the shuffle of epoch {@code e} comes from {@code (seed, e)} alone and every sample's spikes from
 * {@code (seed, e, index)}, so the same seed trains the same model with any thread count. Evaluation always uses
 * the stream of epoch 0 (never used for training, which counts epochs from 1), so repeated evaluations agree.
 */
public final class TrainingLoop {
  private final StbpTrainer trainer;
  private final SpikeEncoder encoder;
  private final Loss loss;
  private final int timesteps;
  private final int batchSize;
  private final long seed;
  private final WorkerPool pool;

  /**
   * @param loss the loss reported by {@link #evaluate} (use the trainer's)
   * @param pool threads for encoding; the trainer has its own reference
   */
  public TrainingLoop(
      StbpTrainer trainer, SpikeEncoder encoder, Loss loss, int timesteps, int batchSize, long seed,
      WorkerPool pool) {
    if (timesteps <= 0) {
      throw new IllegalArgumentException("timesteps must be > 0, got " + timesteps);
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
    }
    this.trainer = trainer;
    this.encoder = encoder;
    this.loss = loss;
    this.timesteps = timesteps;
    this.batchSize = batchSize;
    this.seed = seed;
    this.pool = pool;
  }

  /** The shuffled sample order of an epoch: Fisher-Yates driven by {@code SplitMix64(streamKey(seed, epoch, -1))}. */
  public static int[] shuffle(int size, long seed, int epoch) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    SplitMix64 rng = new SplitMix64(SpikeEncoder.streamKey(seed, epoch, -1));
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * Trains one epoch over {@code train} in a shuffled order.
   *
   * @param epoch from 1
   */
  public EpochResult trainEpoch(Dataset train, int epoch, ProgressListener listener) {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs count from 1, got " + epoch);
    }
    checkDataset(train);
    long start = System.nanoTime();
    int[] order = shuffle(train.size(), seed, epoch);
    BatchEncoder batches = new BatchEncoder(train, encoder, timesteps, seed);
    int[] labels = new int[batchSize];
    int layers = trainer.network().layers().size();
    long[] spikes = new long[layers];
    double lossSum = 0;
    int nBatches = 0;
    for (int from = 0; from < order.length; from += batchSize) {
      int batch = Math.min(batchSize, order.length - from);
      SpikeTensor input = batches.encode(order, from, batch, epoch, labels, pool);
      lossSum += trainer.trainBatch(input, labels);
      nBatches++;
      addCounts(spikes, trainer.lastSpikeCounts());
      listener.progress(from + batch, order.length, lossSum / nBatches);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EpochResult(epoch, order.length, lossSum / Math.max(1, nBatches), seconds,
        rates(spikes, order.length));
  }

  /** Runs the network over {@code data} in order and counts correct predictions. */
  public Evaluation evaluate(Dataset data, ProgressListener listener) {
    checkDataset(data);
    long start = System.nanoTime();
    int n = data.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    BatchEncoder batches = new BatchEncoder(data, encoder, timesteps, seed);
    int classes = trainer.network().outputSize();
    int[] labels = new int[batchSize];
    float[] rates = new float[batchSize * classes];
    float[] grad = new float[batchSize * classes];
    long[] spikes = new long[trainer.network().layers().size()];
    int correct = 0;
    double lossSum = 0;
    int nBatches = 0;
    for (int from = 0; from < n; from += batchSize) {
      int batch = Math.min(batchSize, n - from);
      SpikeTensor input = batches.encode(order, from, batch, 0, labels, pool);
      trainer.infer(input, rates);
      lossSum += loss.evaluate(rates, labels, batch, classes, grad);
      nBatches++;
      addCounts(spikes, trainer.lastSpikeCounts());
      for (int b = 0; b < batch; b++) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (rates[b * classes + k] > rates[b * classes + best]) {
            best = k;
          }
        }
        if (best == labels[b]) {
          correct++;
        }
      }
      listener.progress(from + batch, n, lossSum / nBatches);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Evaluation(n, correct, lossSum / Math.max(1, nBatches), seconds, rates(spikes, n));
  }

  private void checkDataset(Dataset d) {
    int in = trainer.network().inputSize();
    if (d.featureCount() != in) {
      throw new IllegalArgumentException(
          d.source() + " has " + d.featureCount() + " features per sample but the network's input layer has " + in);
    }
    if (d.classCount() > trainer.network().outputSize()) {
      throw new IllegalArgumentException(
          d.source() + " has " + d.classCount() + " classes but the network has only "
              + trainer.network().outputSize() + " outputs");
    }
    if (d.size() == 0) {
      throw new IllegalArgumentException(d.source() + " has no samples");
    }
  }

  private static void addCounts(long[] total, long[] batch) {
    for (int l = 0; l < total.length; l++) {
      total[l] += batch[l];
    }
  }

  private double[] rates(long[] spikes, int samples) {
    double[] r = new double[spikes.length];
    for (int l = 0; l < r.length; l++) {
      int size = trainer.network().layers().get(l).outputSize();
      r[l] = spikes[l] / ((double) samples * timesteps * size);
    }
    return r;
  }
}
