package org.snn4j.core.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.snn4j.core.Tuning;

/**
 * The one place that holds Vector API species. The species must be a {@code static final} constant or C2 will not
 * intrinsify the vector operations.
 *
 * <p>{@code -Dsnn.simd.bits=128|256|512} forces a width (parity tests run at every width); by default the
 * machine's preferred width is used.
 */
final class VectorConstants {
  static final VectorSpecies<Float> FLOAT = pick(System.getProperty("snn.simd.bits", ""));

  /** Bytes, at the same width as {@link #FLOAT} (64 lanes at 512 bits: one {@code long} of mask bits). */
  static final VectorSpecies<Byte> BYTE = VectorSpecies.of(byte.class, FLOAT.vectorShape());

  /** Whether the selected-row sums may keep more than four vectors in registers: {@link Tuning#widePasses()}. */
  static final boolean WIDE_PASSES = Tuning.system().widePasses();

  private VectorConstants() {}

  private static VectorSpecies<Float> pick(String bits) {
    switch (bits.trim()) {
      case "":
      case "auto":
        return FloatVector.SPECIES_PREFERRED;
      case "64":
        return FloatVector.SPECIES_64;
      case "128":
        return FloatVector.SPECIES_128;
      case "256":
        return FloatVector.SPECIES_256;
      case "512":
        return FloatVector.SPECIES_512;
      default:
        throw new IllegalArgumentException(
            "-Dsnn.simd.bits must be 64, 128, 256, 512 or auto, got '" + bits + "'");
    }
  }

  /** Whether the chosen width is no wider than what the CPU runs natively. */
  static boolean isNative() {
    return FLOAT.vectorBitSize() <= VectorShape.preferredShape().vectorBitSize();
  }
}
