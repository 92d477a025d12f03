package org.snn4j.core.train;

import org.snn4j.api.Dataset;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Encodes batches of dataset samples into time-major input spikes. Sample {@code b} of a batch is encoded with the
 * key {@link SpikeEncoder#streamKey}{@code (seed, epoch, datasetIndex)}, so the spikes do not depend on the batch
 * split or the thread count.
 */
final class BatchEncoder {
  private final Dataset dataset;
  private final SpikeEncoder encoder;
  private final int timesteps;
  private final long seed;
  private final int features;
  private SpikeTensor buffer;

  BatchEncoder(Dataset dataset, SpikeEncoder encoder, int timesteps, long seed) {
    this.dataset = dataset;
    this.encoder = encoder;
    this.timesteps = timesteps;
    this.seed = seed;
    this.features = dataset.featureCount();
    if (dataset.timesteps() > 0 && dataset.timesteps() != timesteps) {
      throw new IllegalArgumentException(
          dataset.source() + " holds sequences of " + dataset.timesteps() + " steps but training uses " + timesteps
              + "; use the same number of time steps");
    }
  }

  /**
   * Encodes {@code indices[from .. from+batch)} and copies their labels to {@code labels}. The returned tensor is
   * reused by the next call with the same batch size.
   */
  SpikeTensor encode(int[] indices, int from, int batch, int epoch, int[] labels, WorkerPool pool) {
    if (buffer == null || buffer.batch() != batch) {
      buffer = new SpikeTensor(timesteps, batch, features);
    }
    byte[] out = buffer.data();
    int stride = batch * features;
    pool.forRange(
        batch,
        1,
        (b0, b1) -> {
          float[] x = new float[features * Math.max(1, dataset.timesteps())];
          for (int b = b0; b < b1; b++) {
            int index = indices[from + b];
            dataset.features(index, x, 0);
            encoder.encode(x, 0, features, timesteps, SpikeEncoder.streamKey(seed, epoch, index), out, b * features,
                stride);
          }
        });
    for (int b = 0; b < batch; b++) {
      labels[b] = dataset.label(indices[from + b]);
    }
    return buffer;
  }
}
