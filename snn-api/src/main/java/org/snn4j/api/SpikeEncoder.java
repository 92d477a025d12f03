package org.snn4j.api;

/**
 * Turns one sample's analog features (pixel intensities in [0, 1]) into spikes over {@code T} steps.
 *
 * <p>The spikes must be a pure function of {@code (features, timesteps, key)}: callers derive {@code key} from the
 * seed, the epoch and the sample's index, so the same seed gives the same spikes whatever the thread count or the
 * batch split. Implementations are immutable and thread-safe.
 */
public interface SpikeEncoder {
  /** The plugin name, e.g. {@code rate}. */
  String name();

  /**
   * Encodes {@code features[from .. from+n)}: the spike of feature {@code i} at step {@code t} goes to {@code
   * out[outFrom + t * outStride + i]} (0 or 1).
   */
  void encode(float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom, int outStride);

  /**
   * The key of one sample's random stream: a SplitMix64-style mix of the seed, the epoch and the sample's index in
   * its dataset. Every caller that wants reproducible spikes derives keys this way.
   */
  static long streamKey(long seed, int epoch, int sampleIndex) {
    long z = seed * 0x9E3779B97F4A7C15L + ((long) epoch << 32 ^ (sampleIndex & 0xFFFFFFFFL));
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
