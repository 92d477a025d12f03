package org.snn4j.datasets.encode;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RateDraws} eight features at a time: eight SplitMix64 states in a 512-bit vector, hashed together, their
 * top 24 bits turned into floats and compared with the intensities. The comparison {@code p > r} is read from the
 * sign of {@code r - p}, which is exact for floats (a difference is zero only for equal operands and never changes
 * sign by rounding), and narrowed to bytes without going through a mask (mask to bits is slow on JDK 17). Groups
 * are the outer loop and steps the inner one, so a group of eight features that are all {@code <= 0} (image
 * background) is recognised once per sample and writes zeros without hashing, as the scalar spec skips those
 * draws (a mask test per group and step made JDK 17 three times slower).
 *
 * <p>Loaded only when {@code jdk.incubator.vector} is resolved (see {@link RateDraws#vector()}).
 */
final class VectorRateDraws implements RateDraws {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
  private static final int LANES = 8;

  /** A new instance, or {@code null} where 512-bit vectors are not native (see {@link RateDraws#vector()}). */
  static RateDraws create() {
    return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? new VectorRateDraws() : null;
  }

  @Override
  public void draw(
      float[] features, int from, int n, int timesteps, long start, byte[] out, int outFrom, int outStride) {
    final long gamma = SplitMix64.GOLDEN_GAMMA;
    // draw (t, i) has state start + (t·n + i + 1)·gamma
    LongVector lanes = LongVector.zero(LONGS).addIndex(1).mul(gamma).add(start + gamma);
    long stepGamma = n * gamma;
    ByteVector zeros = ByteVector.zero(BYTES);
    int body = n - n % LANES;
    // groups outer, steps inner: a group's intensities are loaded and classified once for all steps
    for (int i = 0; i < body; i += LANES) {
      FloatVector p = FloatVector.fromArray(FLOATS, features, from + i);
      if (p.compare(VectorOperators.LE, 0f).allTrue()) { // background: the spec draws nothing
        for (int t = 0, at = outFrom + i; t < timesteps; t++, at += outStride) {
          zeros.intoArray(out, at);
        }
        continue;
      }
      // the sign of r - p is 1 iff p > r (a float difference is exact in sign), except for NaN p, which never
      // fires: |bits(p)| - (bits(+inf) + 1) is negative iff p is not NaN
      IntVector notNaN = p.reinterpretAsInts().and(0x7FFF_FFFF).sub(0x7F80_0001);
      LongVector state = lanes.add(i * gamma);
      for (int t = 0, at = outFrom + i; t < timesteps; t++, at += outStride, state = state.add(stepGamma)) {
        LongVector z = state;
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31)).lanewise(VectorOperators.LSHR, 40);
        FloatVector r = ((FloatVector) z.convertShape(VectorOperators.L2F, FLOATS, 0)).mul(0x1.0p-24f);
        r.sub(p)
            .reinterpretAsInts()
            .and(notNaN)
            .lanewise(VectorOperators.LSHR, 31)
            .convertShape(VectorOperators.I2B, BYTES, 0)
            .reinterpretAsBytes()
            .intoArray(out, at);
      }
    }
    for (int t = 0; t < timesteps; t++) {
      int row = outFrom + t * outStride;
      for (int i = body; i < n; i++) {
        out[row + i] = RateDraws.spike(features[from + i], start, (long) t * n + i);
      }
    }
  }
}
