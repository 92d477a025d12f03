package org.snn4j.datasets.encode;

import org.snn4j.api.SpikeEncoder;

/**
 * Direct encoding, the encoding layer of Wu et al.'s follow-up to STBP ("Direct Training for Spiking Neural
 * Networks: Faster, Larger, Better", 2019): no spikes at the input at all; the analog value of every feature is fed
 * as input current at every step, and the first layer's neurons turn it into spikes.
 *
 * <p>{@link #encodeCurrents} writes {@code gain · x} for each feature at every step. {@link #encode} refuses: there is
 * no spike code to give, and snn4j's layers take spikes only, so training with this encoder needs a first layer
 * that takes float input, which snn-core does not have yet.
 */
public final class DirectEncoder implements SpikeEncoder {
  /** The plugin name. */
  public static final String NAME = "direct";

  private final float gain;

  /** @param gain the factor applied to every value, finite */
  public DirectEncoder(float gain) {
    if (!Float.isFinite(gain)) {
      throw new IllegalArgumentException("gain must be finite, got " + gain);
    }
    this.gain = gain;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean producesCurrents() {
    return true;
  }

  /**
   * Always throws: direct encoding feeds currents, not spikes.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void encode(
      float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom, int outStride) {
    throw new UnsupportedOperationException(
        "the direct encoder feeds analog input currents (encodeCurrents), not spikes; it needs a network whose"
            + " first layer takes float input");
  }

  @Override
  public void encodeCurrents(
      float[] features, int from, int n, int timesteps, long key, float[] out, int outFrom, int outStride) {
    if (!EncoderArgs.check(features.length, from, n, n, n, timesteps, out.length, outFrom, outStride)) {
      return;
    }
    for (int t = 0; t < timesteps; t++) {
      int row = outFrom + t * outStride;
      for (int i = 0; i < n; i++) {
        out[row + i] = gain * features[from + i];
      }
    }
  }

  @Override
  public String toString() {
    return NAME + ":gain=" + gain;
  }
}
