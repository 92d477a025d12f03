package org.snn4j.datasets.encode;

import org.snn4j.api.SpikeEncoder;

/**
 * Delta modulation, as snnTorch's {@code spikegen.delta}: a feature fires when its value rose by at least {@code
 * threshold} since the previous step ({@code x[t] - x[t-1] >= threshold}); with {@code off}, a second channel fires
 * when it fell by at least as much ({@code x[t] - x[t-1] <= -threshold}). Step 0 compares with 0, or with itself
 * when {@code padding} is set (so it never fires).
 *
 * <p>Input: with {@code frames}, a sequence (frame {@code t} at {@code features[from + t·n ..]}, from a dataset whose
 * {@code timesteps()} is above 0; see {@link #readsFrames()}); otherwise one static sample held for all steps, which
 * fires only at step 0 (the value rises from 0 once) unless {@code padding} is set.
 *
 * <p>Output: feature {@code i}'s ON spike at channel {@code i}; with {@code off}, its OFF spike at channel {@code n
 * + i}, so {@link #outputWidth(int)} is {@code 2n}. Deterministic: the key is not used.
 */
public final class DeltaEncoder implements SpikeEncoder {
  /** The plugin name. */
  public static final String NAME = "delta";

  private final float threshold;
  private final boolean off;
  private final boolean padding;
  private final boolean frames;

  /**
   * @param threshold the change that makes a spike, &gt; 0
   * @param off whether falls fire an OFF channel too (signed output, {@code 2n} channels)
   * @param padding whether step 0 compares with itself (no spike) rather than with 0
   * @param frames whether the input is a sequence of frames rather than one static sample
   */
  public DeltaEncoder(float threshold, boolean off, boolean padding, boolean frames) {
    if (!(threshold > 0) || !Float.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite and > 0, got " + threshold);
    }
    this.threshold = threshold;
    this.off = off;
    this.padding = padding;
    this.frames = frames;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean readsFrames() {
    return frames;
  }

  @Override
  public int outputWidth(int featureCount) {
    return off ? 2 * featureCount : featureCount;
  }

  @Override
  public void encode(
      float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom, int outStride) {
    long inputs = frames ? (long) timesteps * n : n;
    if (!EncoderArgs.check(
        features.length, from, inputs, n, outputWidth(n), timesteps, out.length, outFrom, outStride)) {
      return;
    }
    for (int t = 0; t < timesteps; t++) {
      int row = outFrom + t * outStride;
      int at = frames ? from + t * n : from;
      int before = frames && t > 0 ? at - n : at;
      for (int i = 0; i < n; i++) {
        float x = features[at + i];
        float prev = t == 0 ? (padding ? x : 0f) : features[before + i];
        float d = x - prev;
        out[row + i] = d >= threshold ? (byte) 1 : (byte) 0;
        if (off) {
          out[row + n + i] = d <= -threshold ? (byte) 1 : (byte) 0;
        }
      }
    }
  }

  @Override
  public String toString() {
    return NAME + ":threshold=" + threshold + ",off=" + off + ",padding=" + padding + ",input="
        + (frames ? "frames" : "static");
  }
}
