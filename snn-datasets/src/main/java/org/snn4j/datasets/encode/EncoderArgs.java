package org.snn4j.datasets.encode;

import java.util.Objects;

/** The argument checks every encoder makes before writing, so a bad call fails before any spike is written. */
final class EncoderArgs {
  private EncoderArgs() {}

  /**
   * Checks that {@code features[from .. from + inputs)} exists and that {@code timesteps} rows of {@code width}
   * values at {@code outFrom} with stride {@code outStride} fit in an array of length {@code outLength}.
   *
   * @return false when there is nothing to write (no steps or no features)
   */
  static boolean check(
      int featuresLength, int from, long inputs, int n, int width, int timesteps, int outLength, int outFrom,
      int outStride) {
    if (n < 0 || timesteps < 0 || outStride < 0) {
      throw new IllegalArgumentException(
          "n, timesteps and outStride must be >= 0, got " + n + ", " + timesteps + ", " + outStride);
    }
    if (inputs > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(timesteps + " frames of " + n + " features do not fit in one array");
    }
    Objects.checkFromIndexSize(from, (int) inputs, featuresLength);
    if (timesteps == 0 || n == 0) {
      return false;
    }
    long last = outFrom + (long) (timesteps - 1) * outStride + width - 1;
    if (outFrom < 0 || last >= outLength) {
      throw new IndexOutOfBoundsException(
          "output for " + timesteps + " steps x " + width + " channels at offset " + outFrom + " with stride "
              + outStride + " needs index " + last + ", but out has length " + outLength);
    }
    return true;
  }

  /** The uniform draw in [0, 1), 24 bits, of counter {@code k} (from 1) of the stream {@code base}. */
  static float draw(long base, long k) {
    return (SplitMix64.mix(base + k * SplitMix64.GOLDEN_GAMMA) >>> 40) * 0x1.0p-24f;
  }
}
