package org.snn4j.datasets.encode;

import org.snn4j.api.SpikeEncoder;

/**
 * The encoder of sequence data (event-camera frames): frame {@code t} becomes the spikes of step {@code t}, feature
 * {@code i} firing iff its value is above {@code threshold} (0 by default: any event in the bin). It reads {@code T·n}
 * values, frame after frame, as a {@link org.snn4j.api.Dataset} with {@code timesteps() = T} writes them; {@code snn
 * train} picks it by itself for such datasets. Deterministic: the key is not used.
 */
public final class FramesEncoder implements SpikeEncoder {
  /** The plugin name. */
  public static final String NAME = "frames";

  private final float threshold;

  /** @param threshold a value fires iff it is above this, in [0, 1) */
  public FramesEncoder(float threshold) {
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
    }
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean readsFrames() {
    return true;
  }

  @Override
  public void encode(
      float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom, int outStride) {
    if (!EncoderArgs.check(
        features.length, from, (long) timesteps * n, n, n, timesteps, out.length, outFrom, outStride)) {
      return;
    }
    for (int t = 0; t < timesteps; t++) {
      int row = outFrom + t * outStride;
      int in = from + t * n;
      for (int i = 0; i < n; i++) {
        out[row + i] = features[in + i] > threshold ? (byte) 1 : (byte) 0;
      }
    }
  }

  @Override
  public String toString() {
    return threshold == 0f ? NAME : NAME + ":threshold=" + threshold;
  }
}
