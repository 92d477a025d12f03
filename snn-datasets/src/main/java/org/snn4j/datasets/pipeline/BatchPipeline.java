package org.snn4j.datasets.pipeline;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.snn4j.api.Dataset;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;

/**
 * One epoch of batches, shuffled, encoded into spikes on a background thread while the caller trains on the batches
 * before them. Deterministic: the order and every spike are the same whatever the timing, because
 *
 * <ul>
 *   <li>the order of epoch {@code e} is a Fisher-Yates shuffle driven by SplitMix64 seeded with {@link
 *       SpikeEncoder#streamKey}{@code (seed, e, -1)}, {@code j = ((next >>> 32) · (i + 1)) >>> 32} for {@code i} from
 *       {@code n - 1} down to 1 (the same permutation as snn-core's {@code TrainingLoop.shuffle});
 *   <li>sample {@code k}'s spikes come from the key {@code streamKey(seed, e, k)}, its index in the dataset, never its
 *       place in the batch.
 * </ul>
 *
 * <p>Use: {@code try (BatchPipeline p = BatchPipeline.start(...)) { while (p.hasNext()) step(p.next()); }}. A batch is
 * valid until the next {@link #next()}; at most {@code depth} batches are encoded ahead. Not thread-safe: one
 * consumer.
 */
public final class BatchPipeline implements AutoCloseable {
  private final int batches;
  private final BlockingQueue<Object> ready;
  private final BlockingQueue<EncodedBatch> free;
  private final Thread producer;
  private EncodedBatch current;
  private int taken;
  private volatile boolean closed;

  private BatchPipeline(Dataset data, SpikeEncoder encoder, int timesteps, int batchSize, long seed, int epoch,
      boolean shuffle, int depth) {
    if (timesteps <= 0 || batchSize <= 0 || depth <= 0) {
      throw new IllegalArgumentException(
          "timesteps, batch size and depth must be > 0, got " + timesteps + ", " + batchSize + ", " + depth);
    }
    if (encoder.producesCurrents()) {
      throw new IllegalArgumentException(encoder.name() + " produces analog currents, not spikes");
    }
    if (encoder.readsFrames() != data.timesteps() > 0) {
      throw new IllegalArgumentException(encoder.readsFrames()
          ? encoder.name() + " reads frame sequences but " + data.source() + " holds static samples"
          : data.source() + " holds sequences of " + data.timesteps() + " frames; use a frame encoder such as frames");
    }
    if (data.timesteps() > 0 && data.timesteps() != timesteps) {
      throw new IllegalArgumentException(
          data.source() + " holds " + data.timesteps() + " frames per sample but timesteps is " + timesteps);
    }
    int n = data.size();
    this.batches = (n + batchSize - 1) / batchSize;
    this.ready = new ArrayBlockingQueue<>(depth + 1);
    this.free = new ArrayBlockingQueue<>(depth + 2);
    int width = encoder.outputWidth(data.featureCount());
    int[] order = shuffle ? shuffle(n, seed, epoch) : identity(n);
    this.producer = new Thread(() -> produce(data, encoder, timesteps, batchSize, seed, epoch, order, width),
        "snn-batch-pipeline");
    producer.setDaemon(true);
    producer.start();
  }

  /**
   * Starts encoding one epoch of {@code data} in the background.
   *
   * @param epoch the epoch, part of the shuffle seed and of every sample's key
   * @param shuffle whether to shuffle (training) or keep dataset order (evaluation)
   * @param depth how many batches may wait, encoded, ahead of the consumer
   * @throws IllegalArgumentException if the encoder does not fit the data (frames vs static samples, currents)
   */
  public static BatchPipeline start(Dataset data, SpikeEncoder encoder, int timesteps, int batchSize, long seed,
      int epoch, boolean shuffle, int depth) {
    return new BatchPipeline(data, encoder, timesteps, batchSize, seed, epoch, shuffle, depth);
  }

  /** The shuffled order of an epoch (see the class comment). */
  public static int[] shuffle(int size, long seed, int epoch) {
    int[] order = identity(size);
    long state = SpikeEncoder.streamKey(seed, epoch, -1);
    for (int i = size - 1; i > 0; i--) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
      int j = (int) (((z >>> 32) * (i + 1)) >>> 32);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  private void produce(Dataset data, SpikeEncoder encoder, int timesteps, int batchSize, long seed, int epoch,
      int[] order, int width) {
    try {
      int features = data.featureCount();
      float[] x = new float[features * Math.max(1, data.timesteps())];
      for (int b = 0; b < batches && !closed; b++) {
        int from = b * batchSize;
        int size = Math.min(batchSize, order.length - from);
        EncodedBatch batch = free.poll();
        if (batch == null || batch.size() != size) {
          batch = new EncodedBatch(new SpikeTensor(timesteps, size, width));
        }
        byte[] out = batch.spikes().data();
        int stride = size * width;
        for (int k = 0; k < size; k++) {
          int index = order[from + k];
          data.features(index, x, 0);
          encoder.encode(x, 0, features, timesteps, SpikeEncoder.streamKey(seed, epoch, index), out, k * width,
              stride);
          batch.labels()[k] = data.label(index);
          batch.indices()[k] = index;
        }
        batch.setNumber(b);
        ready.put(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      try {
        // put, not offer: the queue may be full of good batches, and the consumer must still get the error
        ready.put(e);
      } catch (InterruptedException closedMeanwhile) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether another batch follows. */
  public boolean hasNext() {
    return taken < batches && !closed;
  }

  /**
   * The next batch, waiting for it if it is not encoded yet; recycles the previous one.
   *
   * @throws NoSuchElementException after the last batch
   * @throws RuntimeException whatever the dataset or encoder threw while encoding this batch
   */
  public EncodedBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the epoch has " + batches + " batches");
    }
    if (current != null) {
      free.offer(current);
      current = null;
    }
    Object item;
    try {
      item = ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch", e);
    }
    if (item instanceof RuntimeException re) {
      throw re;
    }
    if (item instanceof Error err) {
      throw err;
    }
    current = (EncodedBatch) item;
    taken++;
    return current;
  }

  /** The number of batches in the epoch. */
  public int batchCount() {
    return batches;
  }

  /** Stops the background thread. */
  @Override
  public void close() {
    closed = true;
    producer.interrupt();
    try {
      producer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
