package org.snn4j.datasets.encode;

import org.snn4j.api.SpikeEncoder;

/**
 * A Poisson spike train per feature: intensity {@code p} in [0, 1] becomes the rate {@code λ = p · maxRate} (Hz), and
 * in each step of length {@code dt} the feature fires iff a Poisson process of that rate has at least one event in
 * the step, probability {@code q = 1 - exp(-λ · dt)}. For small {@code λ·dt} that is the familiar {@code λ·dt};
 * unlike it, {@code q} never exceeds 1. With the defaults (1000 Hz, 1 ms) a white pixel fires in 63% of the steps.
 *
 * <p>The draw of feature {@code i} at step {@code t} is counter {@code k = t·n + i + 1} of the SplitMix64 stream of
 * {@code mix(key)} ({@code r = mix(mix(key) + k·γ) >>> 40} scaled by 2^-24, the same stream layout as {@link
 * RateEncoder}); the feature fires iff {@code r < q}. {@code q} is computed with {@link StrictMath}, so the spikes are
 * identical on every JDK and platform, and they depend only on {@code (features, timesteps, key)}.
 */
public final class PoissonEncoder implements SpikeEncoder {
  /** The plugin name. */
  public static final String NAME = "poisson";

  private final double maxRateHz;
  private final double dtMillis;
  private final double ratePerStep;

  /**
   * @param maxRateHz the rate of a feature of intensity 1, in Hz, &gt; 0
   * @param dtMillis the length of one step in milliseconds, &gt; 0
   */
  public PoissonEncoder(double maxRateHz, double dtMillis) {
    if (!(maxRateHz > 0) || !(dtMillis > 0) || !Double.isFinite(maxRateHz * dtMillis)) {
      throw new IllegalArgumentException("max-rate and dt must be finite and > 0, got " + maxRateHz + ", " + dtMillis);
    }
    this.maxRateHz = maxRateHz;
    this.dtMillis = dtMillis;
    this.ratePerStep = maxRateHz * dtMillis / 1000.0;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The probability that a feature of intensity {@code p} fires in one step. */
  public double stepProbability(float p) {
    double lambda = Math.max(0.0, Math.min(1.0, p)) * ratePerStep;
    return -StrictMath.expm1(-lambda);
  }

  @Override
  public void encode(
      float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom, int outStride) {
    if (!EncoderArgs.check(features.length, from, n, n, n, timesteps, out.length, outFrom, outStride)) {
      return;
    }
    long base = SplitMix64.mix(key);
    // features outer so q is computed once per feature; the draws are counter-based, so the order is free
    for (int i = 0; i < n; i++) {
      float p = features[from + i];
      double q = p > 0 ? stepProbability(p) : 0.0;
      for (int t = 0; t < timesteps; t++) {
        float r = EncoderArgs.draw(base, (long) t * n + i + 1);
        out[outFrom + t * outStride + i] = r < q ? (byte) 1 : (byte) 0;
      }
    }
  }

  @Override
  public String toString() {
    return NAME + ":max-rate=" + maxRateHz + ",dt=" + dtMillis;
  }
}
