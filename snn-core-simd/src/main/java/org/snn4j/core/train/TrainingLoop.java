package org.snn4j.core.train;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.snn4j.api.Dataset;
import org.snn4j.api.Loss;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.core.net.SplitMix64;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Epochs of STBP training and evaluation over datasets: seeded shuffling, batching, spike encoding, and the
 * statistics a user watches (loss, accuracy, firing rates, samples/s).
 *
 * <p>Batches are encoded on a background thread one batch ahead of the training step, into two alternating
 * buffers, so encoding overlaps the network's work.
 *
 * <p>Reproducible: the shuffle of epoch {@code e} comes from {@code (seed, e)} alone and every sample's spikes from
 * {@code (seed, e, index)}, so the same seed trains the same model with any thread count. Evaluation always uses
 * the stream of epoch 0 (never used for training, which counts epochs from 1), so repeated evaluations agree.
 */
public final class TrainingLoop implements AutoCloseable {
  private final StbpTrainer trainer;
  private final SpikeEncoder encoder;
  private final Loss loss;
  private final int timesteps;
  private final int batchSize;
  private final long seed;
  private final WorkerPool pool;
  private final ExecutorService ahead =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "snn-encoder");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param loss the loss reported by {@link #evaluate} (use the trainer's)
   * @param pool the trainer's threads (kept for API compatibility; encoding runs on its own background thread)
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
    BatchEncoder batches = encoderFor(train);
    int layers = trainer.network().layers().size();
    long[] spikes = new long[layers];
    double[] lossSum = new double[1];
    int[] nBatches = new int[1];
    forEachBatch(batches, order, epoch, slot -> {
      lossSum[0] += slot.currents != null
          ? trainer.trainBatch(slot.currents, slot.labels)
          : trainer.trainBatch(slot.spikes, slot.labels);
      nBatches[0]++;
      addCounts(spikes, trainer.lastSpikeCounts());
    }, (done) -> listener.progress(done, order.length, lossSum[0] / nBatches[0]));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EpochResult(epoch, order.length, lossSum[0] / Math.max(1, nBatches[0]), seconds,
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
    BatchEncoder batches = encoderFor(data);
    int classes = trainer.network().outputSize();
    float[] rates = new float[batchSize * classes];
    float[] grad = new float[batchSize * classes];
    long[] spikes = new long[trainer.network().layers().size()];
    int[] correct = new int[1];
    double[] lossSum = new double[1];
    int[] nBatches = new int[1];
    forEachBatch(batches, order, 0, slot -> {
      int batch = slot.batch;
      if (slot.currents != null) {
        trainer.infer(slot.currents, rates);
      } else {
        trainer.infer(slot.spikes, rates);
      }
      lossSum[0] += loss.evaluate(rates, slot.labels, batch, classes, grad);
      nBatches[0]++;
      addCounts(spikes, trainer.lastSpikeCounts());
      for (int b = 0; b < batch; b++) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (rates[b * classes + k] > rates[b * classes + best]) {
            best = k;
          }
        }
        if (best == slot.labels[b]) {
          correct[0]++;
        }
      }
    }, (done) -> listener.progress(done, n, lossSum[0] / nBatches[0]));
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Evaluation(n, correct[0], lossSum[0] / Math.max(1, nBatches[0]), seconds, rates(spikes, n));
  }

  private BatchEncoder encoderFor(Dataset d) {
    BatchEncoder batches = new BatchEncoder(d, encoder, timesteps, seed);
    int in = trainer.network().inputSize();
    if (batches.width() != in) {
      throw new IllegalArgumentException(
          d.source() + " gives " + batches.width() + " input channels per step (" + d.featureCount()
              + " features through encoder " + encoder.name() + ") but the network's input layer has " + in);
    }
    return batches;
  }

  /**
   * Runs {@code step} on every batch of {@code order} in order, encoding batch {@code k+1} on the background thread
   * while step {@code k} runs.
   */
  private void forEachBatch(
      BatchEncoder batches, int[] order, int epoch, Consumer<BatchEncoder.Slot> step, IntConsumer done) {
    BatchEncoder.Slot[] slots = {new BatchEncoder.Slot(), new BatchEncoder.Slot()};
    int count = (order.length + batchSize - 1) / batchSize;
    Future<BatchEncoder.Slot> next = submit(batches, slots[0], order, 0, epoch);
    for (int k = 0; k < count; k++) {
      BatchEncoder.Slot slot = await(next);
      if (k + 1 < count) {
        next = submit(batches, slots[(k + 1) % 2], order, (k + 1) * batchSize, epoch);
      }
      step.accept(slot);
      done.accept(Math.min(order.length, (k + 1) * batchSize));
    }
  }

  private Future<BatchEncoder.Slot> submit(
      BatchEncoder batches, BatchEncoder.Slot slot, int[] order, int from, int epoch) {
    int batch = Math.min(batchSize, order.length - from);
    return ahead.submit(() -> batches.encode(slot, order, from, batch, epoch));
  }

  private static BatchEncoder.Slot await(Future<BatchEncoder.Slot> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while encoding a batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops the background encoding thread. */
  @Override
  public void close() {
    ahead.shutdownNow();
  }

  private void checkDataset(Dataset d) {
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
