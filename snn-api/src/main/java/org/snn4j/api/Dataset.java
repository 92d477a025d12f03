package org.snn4j.api;

/**
 * A labelled set of samples with analog features in [0, 1], held in memory or streamed. Implementations are
 * thread-safe for reading.
 */
public interface Dataset {
  /** Where the data came from, for messages and summaries (e.g. the image file). */
  String source();

  /** Number of samples. */
  int size();

  /** Number of features per sample and time step (784 for 28×28 images, 2·34·34 for N-MNIST frames). */
  int featureCount();

  /**
   * 0 for static samples (an image, encoded into spikes over time by a {@link SpikeEncoder}); {@code T > 0} when
   * every sample is already a sequence of {@code T} frames of {@link #featureCount()} values (event-camera data),
   * in which case {@link #features} writes {@code T · featureCount()} values, frame after frame.
   */
  default int timesteps() {
    return 0;
  }

  /**
   * The shape of one sample at one step: {@code [channels, height, width]} for images (channel-major, {@code
   * featureCount() = channels·height·width}), or {@code [featureCount()]} for data without a spatial layout (the
   * default). Convolutional nets take their input shape from it.
   */
  default int[] sampleShape() {
    return new int[] {featureCount()};
  }

  /** Number of classes; labels are in {@code [0, classCount)}. */
  int classCount();

  /**
   * Copies sample {@code index}'s features, scaled to [0, 1], to {@code dst[offset ..]}: {@code featureCount()}
   * values, or {@code timesteps() · featureCount()} for sequence data.
   */
  void features(int index, float[] dst, int offset);

  /** The label of sample {@code index}. */
  int label(int index);
}
