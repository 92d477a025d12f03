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

  /** Number of features per sample (784 for 28×28 images). */
  int featureCount();

  /** Number of classes; labels are in {@code [0, classCount)}. */
  int classCount();

  /** Copies sample {@code index}'s features, scaled to [0, 1], to {@code dst[offset ..]}. */
  void features(int index, float[] dst, int offset);

  /** The label of sample {@code index}. */
  int label(int index);
}
