package org.snn4j.api;

/**
 * Turns one sample's analog features (pixel intensities in [0, 1]) into spikes over {@code T} steps.
 *
 * <p>The spikes must be a pure function of {@code (features, timesteps, key)}: callers derive {@code key} from the
 * seed, the epoch and the sample's index, so the same seed gives the same spikes whatever the thread count or the
 * batch split. Implementations are immutable and thread-safe.
 *
 * <p>Optional capabilities, each a default method so older encoders keep working:
 *
 * <ul>
 *   <li>{@link #readsFrames()}: the encoder takes a sequence, one frame of features per step (event-camera frames
 *       from a {@link Dataset} whose {@link Dataset#timesteps()} is above 0), instead of one static sample;
 *   <li>{@link #outputWidth(int)}: it writes more spike channels than it reads features (a signed code with an ON
 *       and an OFF channel per feature);
 *   <li>{@link #producesCurrents()}: it feeds analog currents rather than spikes ({@link #encodeCurrents}), which
 *       needs a first layer that takes float input.
 * </ul>
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
   * Whether {@link #encode} reads a sequence: {@code timesteps} frames of {@code n} features, frame {@code t} at
   * {@code features[from + t * n ..]}, as a {@link Dataset} with {@link Dataset#timesteps()} above 0 writes them.
   * False (the default) for encoders of static samples, which read {@code n} features.
   */
  default boolean readsFrames() {
    return false;
  }

  /**
   * The number of spike channels {@link #encode} writes per step for {@code featureCount} input features: {@code
   * featureCount} by default; {@code 2 · featureCount} for a signed code that writes feature {@code i}'s ON spike
   * at {@code i} and its OFF spike at {@code featureCount + i}.
   */
  default int outputWidth(int featureCount) {
    return featureCount;
  }

  /**
   * Whether this encoder feeds analog input currents ({@link #encodeCurrents}) instead of spikes; such an encoder
   * needs a network whose first layer takes float input, and its {@link #encode} may refuse to run. False by
   * default.
   */
  default boolean producesCurrents() {
    return false;
  }

  /**
   * Writes the analog input current of feature {@code i} at step {@code t} to {@code out[outFrom + t * outStride +
   * i]}, for encoders whose {@link #producesCurrents()} is true. Pure in {@code (features, timesteps, key)} like
   * {@link #encode}.
   *
   * @throws UnsupportedOperationException if this encoder produces spikes only (the default)
   */
  default void encodeCurrents(
      float[] features, int from, int n, int timesteps, long key, float[] out, int outFrom, int outStride) {
    throw new UnsupportedOperationException(name() + " produces spikes, not analog currents; call encode");
  }

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
