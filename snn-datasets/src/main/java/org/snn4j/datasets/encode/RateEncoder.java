package org.snn4j.datasets.encode;

import java.util.Objects;
import org.snn4j.api.SpikeEncoder;

/**
 * The Bernoulli rate code of the STBP paper (Wu et al., 2018): at every step {@code t}, feature {@code i} with
 * intensity {@code p} fires iff {@code p > r}, with {@code r} uniform in [0, 1). That is PyTorch's {@code input >
 * torch.rand(input.shape)}: {@code p = 0} never fires, {@code p = 1} always does, and the firing rate is {@code p}.
 *
 * <p>The draws come from SplitMix64 seeded with {@code mix(key)}: the state advances by the golden gamma before each
 * draw and {@code r = (mix(state) >>> 40) * 2^-24} (24 bits, exact in a float), in a fixed order, steps outer and
 * features inner. So the spikes are a pure function of {@code (features, timesteps, key)} on every JDK. Derive the
 * key with {@link #streamKey(long, int, int)} so it depends only on seed, epoch and sample index, never on thread
 * count or batch split.
 *
 * <p>{@link RateDraws} holds the draws: a scalar spec and a Vector API twin that hashes eight draws at once and
 * writes the same spikes (chosen by {@code -Dsnn.simd}, like the core's kernels).
 *
 * <p>Stateless and allocation-free; one instance serves all threads.
 */
public final class RateEncoder implements SpikeEncoder {
  /** The plugin name. */
  public static final String NAME = "rate";

  private static final RateDraws DRAWS = RateDraws.selected();

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The key for sample {@code sampleIndex} (its index in the dataset, not in the batch) in {@code epoch} of a run
   * seeded with {@code seed}. The same as {@link SpikeEncoder#streamKey(long, int, int)}, which it calls so that
   * there is one derivation for every encoder; here so callers of this class find it next to {@link #encode}.
   */
  public static long streamKey(long seed, int epoch, int sampleIndex) {
    return SpikeEncoder.streamKey(seed, epoch, sampleIndex);
  }

  @Override
  public void encode(
      float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom, int outStride) {
    Objects.checkFromIndexSize(from, n, features.length);
    if (timesteps < 0 || outStride < 0) {
      throw new IllegalArgumentException("timesteps and outStride must be >= 0, got " + timesteps + ", " + outStride);
    }
    if (timesteps == 0 || n == 0) {
      return;
    }
    // check the last write up front so a bad stride fails before any spike is written
    long last = outFrom + (long) (timesteps - 1) * outStride + n - 1;
    if (outFrom < 0 || last >= out.length) {
      throw new IndexOutOfBoundsException(
          "spikes for " + timesteps + " steps x " + n + " features at offset " + outFrom + " with stride "
              + outStride + " need index " + last + ", but out has length " + out.length);
    }
    DRAWS.draw(features, from, n, timesteps, SplitMix64.mix(key), out, outFrom, outStride);
  }

  @Override
  public String toString() {
    return NAME;
  }
}
