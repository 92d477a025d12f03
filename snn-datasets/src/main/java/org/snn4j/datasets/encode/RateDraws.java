package org.snn4j.datasets.encode;

import java.util.Locale;

/**
 * The Bernoulli draws of {@link RateEncoder}, in two twins that write identical spikes: {@link #SCALAR}, the
 * readable spec, and a Vector API version that hashes eight draws at a time. The twin is chosen once, like the
 * core's kernels, from {@code -Dsnn.simd=auto|scalar|vector}: {@code auto} and {@code vector} take the vector twin
 * when the {@code jdk.incubator.vector} module is resolved and the machine has 512-bit vectors ({@code vector}
 * fails without the module, like the core's kernels).
 */
interface RateDraws {
  /**
   * Writes {@code out[outFrom + t·outStride + i] = features[from + i] > r(t, i)} for every step {@code t} and
   * feature {@code i}, where {@code r(t, i) = (mix(start + (t·n + i + 1)·γ) >>> 40)·2^-24}. Arguments are checked by
   * the caller.
   */
  void draw(float[] features, int from, int n, int timesteps, long start, byte[] out, int outFrom, int outStride);

  /** The spec: one draw at a time, skipping the draws whose outcome does not depend on them. */
  RateDraws SCALAR =
      (features, from, n, timesteps, start, out, outFrom, outStride) -> {
        for (int t = 0; t < timesteps; t++) {
          int row = outFrom + t * outStride;
          for (int i = 0; i < n; i++) {
            out[row + i] = spike(features[from + i], start, (long) t * n + i);
          }
        }
      };

  /**
   * Whether intensity {@code p} fires at draw {@code k}. {@code p <= 0} never fires and {@code p >= 1} always does,
   * whatever the draw is, so those draws are skipped; draw {@code k}'s state is {@code start + (k + 1)·γ}, so skipping
   * changes no other draw.
   */
  static byte spike(float p, long start, long k) {
    if (p <= 0f) {
      return 0;
    }
    if (p >= 1f) {
      return 1;
    }
    return p > uniform(start, k) ? (byte) 1 : (byte) 0;
  }

  /** Draw {@code k} of the stream that starts at {@code start}: 24 bits, uniform in [0, 1), exact in a float. */
  static float uniform(long start, long k) {
    return (SplitMix64.mix(start + (k + 1) * SplitMix64.GOLDEN_GAMMA) >>> 40) * 0x1.0p-24f;
  }

  /** The twin {@code -Dsnn.simd} selects. */
  static RateDraws selected() {
    return Selection.SELECTED;
  }

  /**
   * The vector twin, or {@code null} when the incubator module is not resolved or the machine's vectors are narrower
   * than 512 bits (the twin hashes eight 64-bit lanes at once; emulated, that would be far slower than the scalar
   * loop).
   */
  static RateDraws vector() {
    if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      return null;
    }
    // loaded reflectively so that this interface never links against jdk.incubator.vector types
    try {
      return (RateDraws) Class.forName("org.snn4j.datasets.encode.VectorRateDraws").getDeclaredMethod("create").invoke(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** Holds the selection so that it is made on first use, not when the interface loads. */
  final class Selection {
    static final RateDraws SELECTED = select(System.getProperty("snn.simd", "auto"));

    private Selection() {}

    static RateDraws select(String mode) {
      switch (mode.trim().toLowerCase(Locale.ROOT)) {
        case "scalar":
          return SCALAR;
        case "vector":
          if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            throw new IllegalStateException(
                "-Dsnn.simd=vector but jdk.incubator.vector is not resolved: add --add-modules jdk.incubator.vector");
          }
          RateDraws v = vector();
          return v != null ? v : SCALAR; // narrower vectors: the scalar draws are the faster ones
        default: // auto, and anything else: the core reports a bad value, the encoder just falls back
          RateDraws auto = vector();
          return auto != null ? auto : SCALAR;
      }
    }
  }
}
