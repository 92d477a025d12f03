package org.snn4j.core.train;

import org.snn4j.api.Dataset;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Encodes batches of dataset samples into time-major network input: spikes {@code [T][B][width]}, or analog
 * currents for an encoder that {@link SpikeEncoder#producesCurrents() produces currents}. Sample {@code b} of a
 * batch is encoded with the key {@link SpikeEncoder#streamKey}{@code (seed, epoch, datasetIndex)}, so the input does
 * not depend on the batch split, the thread that encodes it or the thread count.
 */
final class BatchEncoder {
  private final Dataset dataset;
  private final SpikeEncoder encoder;
  private final int timesteps;
  private final long seed;
  private final int features;
  private final int width;
  /** Null when samples are not augmented (evaluation, or none asked for). */
  private final Augmentation augmentation;
  private final int[] shape;

  /** One encoded batch; a slot's buffers are reused while the batch size stays the same. */
  static final class Slot {
    SpikeTensor spikes;
    FloatTensor currents;
    int[] labels = new int[0];
    int batch;
  }

  BatchEncoder(Dataset dataset, SpikeEncoder encoder, int timesteps, long seed) {
    this(dataset, encoder, timesteps, seed, null);
  }

  /**
   * @param augmentation applied to each sample before it is encoded, or null
   * @throws IllegalArgumentException for an augmentation of a dataset whose samples are not static images
   */
  BatchEncoder(Dataset dataset, SpikeEncoder encoder, int timesteps, long seed, Augmentation augmentation) {
    this.dataset = dataset;
    this.augmentation = augmentation;
    this.shape = dataset.sampleShape();
    if (augmentation != null && (shape.length != 3 || dataset.timesteps() > 0)) {
      throw new IllegalArgumentException("augmentation (" + augmentation + ") needs static images, but "
          + dataset.source() + " holds samples of shape " + java.util.Arrays.toString(shape)
          + (dataset.timesteps() > 0 ? " in " + dataset.timesteps() + " frames" : ""));
    }
    this.encoder = encoder;
    this.timesteps = timesteps;
    this.seed = seed;
    this.features = dataset.featureCount();
    this.width = encoder.outputWidth(features);
    if (dataset.timesteps() > 0 && dataset.timesteps() != timesteps) {
      throw new IllegalArgumentException(
          dataset.source() + " holds sequences of " + dataset.timesteps() + " steps but training uses " + timesteps
              + "; use the same number of time steps");
    }
  }

  /** Adds what a {@link Slot} holds for batches of {@code timesteps × batch} samples of {@code width} channels. */
  static void footprint(Footprint f, int timesteps, int batch, int width, boolean analog) {
    f.array("an encoded batch (T × --batch × inputs)", Footprint.times(timesteps, batch, width), analog ? 4 : 1, true);
    f.ints("the batch's labels", batch, true);
  }

  /** Input channels per step the network must take: the encoder's output width for this dataset. */
  int width() {
    return width;
  }

  /**
   * Encodes {@code indices[from .. from+batch)} with their labels into {@code slot} and returns it, the samples
   * split over {@code pool}'s threads (each sample is encoded from its own key, so the split changes nothing).
   */
  Slot encode(Slot slot, int[] indices, int from, int batch, int epoch, WorkerPool pool) {
    prepare(slot, batch);
    pool.forRange(batch, 1, (b0, b1) -> encodeRange(slot, indices, from, epoch, b0, b1));
    return slot;
  }

  private void prepare(Slot slot, int batch) {
    boolean analog = encoder.producesCurrents();
    if (slot.batch != batch || (analog ? slot.currents == null : slot.spikes == null)) {
      slot.spikes = analog ? null : new SpikeTensor(timesteps, batch, width);
      slot.currents = analog ? new FloatTensor(timesteps, batch, width) : null;
      slot.labels = new int[batch];
      slot.batch = batch;
    }
  }

  /** Samples {@code [b0, b1)} of the batch, with one sample's features as scratch (a few KB per range and batch). */
  private void encodeRange(Slot slot, int[] indices, int from, int epoch, int b0, int b1) {
    float[] in = new float[features * Math.max(1, dataset.timesteps())];
    float[] scratch = augmentation == null ? null : new float[features];
    boolean analog = slot.currents != null;
    int stride = slot.batch * width;
    for (int b = b0; b < b1; b++) {
      int index = indices[from + b];
      dataset.features(index, in, 0);
      if (augmentation != null) {
        augmentation.apply(in, 0, shape[0], shape[1], shape[2], seed, epoch, index, scratch);
      }
      long key = SpikeEncoder.streamKey(seed, epoch, index);
      if (analog) {
        encoder.encodeCurrents(in, 0, features, timesteps, key, slot.currents.data(), b * width, stride);
      } else {
        encoder.encode(in, 0, features, timesteps, key, slot.spikes.data(), b * width, stride);
      }
      slot.labels[b] = dataset.label(index);
    }
  }
}
