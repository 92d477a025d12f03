package org.snn4j.core.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

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

  /**
   * Whether the selected-row sums may keep more than four vectors of columns in registers at once (the 8- and
   * 10-vector passes). JDK 25's C2 keeps them in registers; JDK 17's boxes part of them, and its training step took
   * twice as long with them. Narrower passes compute every element the same way, in the same order, so the choice
   * changes speed only, never a bit of the result. Default: JDK 25 and later; {@code -Dsnn.widePasses=true|false}
   * overrides. (The step-group kernel keeps its 5-vector passes on every JDK: on JDK 17 they beat passes of 2.) The
   * same JDK line decides whether a row's zero test uses vector mask tests, which JDK 17 runs in Java code.
   */
  static final boolean WIDE_PASSES =
      Boolean.parseBoolean(System.getProperty("snn.widePasses", String.valueOf(Runtime.version().feature() >= 25)));

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
