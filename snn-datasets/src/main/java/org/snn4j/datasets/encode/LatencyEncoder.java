package org.snn4j.datasets.encode;

import java.util.Arrays;
import org.snn4j.api.SpikeEncoder;

/**
 * Latency (time-to-first-spike) coding: each feature fires at most once, brighter features earlier. A feature of
 * intensity {@code p} (clamped to 1) at or below {@code threshold} (rounded to a float, as features are) never
 * fires; above it, it fires at step
 *
 * <ul>
 *   <li>{@code linear}: {@code t = round((1 - p) · (T - 1))}, so {@code p = 1} fires at step 0 and a faint
 *       feature near step {@code T - 1};
 *   <li>{@code log}: {@code t = round((T - 1) · ln p / ln threshold)}, the RC-circuit code (snnTorch's {@code
 *       latency(linear=False)}) normalised so {@code p = 1} fires at step 0 and {@code p → threshold} at {@code T - 1}:
 *       equal ratios of intensity map to equal gaps in time.
 * </ul>
 *
 * <p>Rounding is half up, in double precision; logarithms use {@link StrictMath}. Deterministic: the key is not used,
 * so the spikes are the same in every epoch and on every JDK.
 */
public final class LatencyEncoder implements SpikeEncoder {
  /** The plugin name. */
  public static final String NAME = "latency";

  /** How intensity maps to spike time. */
  public enum Kind {
    /** Spike time falls linearly with intensity. */
    LINEAR,
    /** Spike time falls with the logarithm of intensity. */
    LOG
  }

  private final Kind kind;
  // a float, as the features are: 0.01 means the float 0.01f, so a feature equal to it does not fire
  private final float threshold;
  private final double logThreshold;

  /**
   * @param kind linear or logarithmic
   * @param threshold intensities at or below it never fire; in [0, 1) for linear, in (0, 1) for log
   */
  public LatencyEncoder(Kind kind, double threshold) {
    boolean ok = kind == Kind.LINEAR ? threshold >= 0 && threshold < 1 : threshold > 0 && threshold < 1;
    if (!ok) {
      throw new IllegalArgumentException(
          "threshold must be in " + (kind == Kind.LINEAR ? "[0, 1)" : "(0, 1)") + " for " + kind + ", got "
              + threshold);
    }
    this.kind = kind;
    this.threshold = (float) threshold;
    this.logThreshold = kind == Kind.LOG ? StrictMath.log(this.threshold) : 0;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The step at which intensity {@code p} fires over {@code timesteps} steps, or -1 if it never does. */
  public int spikeStep(float p, int timesteps) {
    if (!(p > threshold) || timesteps <= 0) {
      return -1;
    }
    double v = Math.min(1.0, p);
    double fraction = kind == Kind.LINEAR ? 1.0 - v : StrictMath.log(v) / logThreshold;
    int t = (int) Math.floor(fraction * (timesteps - 1) + 0.5);
    return Math.max(0, Math.min(timesteps - 1, t));
  }

  @Override
  public void encode(
      float[] features, int from, int n, int timesteps, long key, byte[] out, int outFrom, int outStride) {
    if (!EncoderArgs.check(features.length, from, n, n, n, timesteps, out.length, outFrom, outStride)) {
      return;
    }
    for (int t = 0; t < timesteps; t++) {
      int row = outFrom + t * outStride;
      Arrays.fill(out, row, row + n, (byte) 0);
    }
    for (int i = 0; i < n; i++) {
      int t = spikeStep(features[from + i], timesteps);
      if (t >= 0) {
        out[outFrom + t * outStride + i] = 1;
      }
    }
  }

  @Override
  public String toString() {
    return NAME + ":kind=" + kind.name().toLowerCase(java.util.Locale.ROOT) + ",threshold=" + threshold;
  }
}
