package org.snn4j.core;

import java.util.Properties;

/**
 * The tuning switches of the engine, read from system properties in one place ({@link #system()}) and passed down
 * as an argument: to a layer's tapes, through them to the dense products' workspaces, and to the trainer. Tests
 * build their own with the {@code with...} methods. No switch changes a result beyond float rounding between
 * equally exact forms, and most change speed only.
 *
 * @param denseAbove input density above which {@code Path.AUTO} takes the dense GEMM for a dense layer's products
 *     ({@code -Dsnn.denseAbove}, default 1.0: never, the event-driven path is faster at every density measured)
 * @param stepGroups whether wide dense layers may take the step-group form of the forward product ({@code
 *     -Dsnn.stepGroups=false} turns it off, for comparisons)
 * @param wideBlocks whether the event-driven sums may take 160-column blocks (10 vectors in registers) where that
 *     divides the layer's width, else 128 ({@code -Dsnn.wideBlocks}; default: JDK 25 and later, whose C2 keeps 10
 *     vectors in registers where JDK 17's boxes them)
 * @param packPad floats left free before packed rows, 0 to 15, so that they start on a 64-byte cache line ({@code
 *     -Dsnn.packPad}; default from the JVM's array base offset, see {@link #defaultPackPad})
 * @param widePasses whether the vector kernels' selected-row sums may keep more than four vectors of columns in
 *     registers ({@code -Dsnn.widePasses}; default JDK 25 and later). The kernels are chosen once per JVM, at class
 *     initialisation, like {@code -Dsnn.simd}: this switch is read from {@link #system()} only
 * @param skipDeadSamples whether the backward pass zero-fills the rows of samples whose loss gradient is zero
 *     instead of computing them (exact: their gradients are zero); on by default, tests turn it off to compare
 * @param convDenseAbove the fraction of non-zero values in one image above which a conv layer takes its dense path
 *     (im2col and the GEMM) instead of the event-driven lists: for analog input in the forward pass, and for the
 *     output gradient in the input gradient; per image, so the choice never depends on the thread count ({@code
 *     -Dsnn.convDenseAbove}, default 0.05, see docs/PERFORMANCE.md "Conv nets"; 1.0: never, 0: always)
 */
public record Tuning(
    double denseAbove,
    boolean stepGroups,
    boolean wideBlocks,
    int packPad,
    boolean widePasses,
    boolean skipDeadSamples,
    double convDenseAbove) {
  private static final Tuning SYSTEM = fromProperties(System.getProperties());

  /** Keeps {@code packPad} in 0..15. */
  public Tuning {
    packPad = Math.floorMod(packPad, 16);
  }

  /** The switches of this JVM's system properties, read once. */
  public static Tuning system() {
    return SYSTEM;
  }

  /** The switches of {@code p}, defaults for the ones it does not set. */
  public static Tuning fromProperties(Properties p) {
    boolean jdk25 = Runtime.version().feature() >= 25;
    String packPad = p.getProperty("snn.packPad");
    return new Tuning(
        Double.parseDouble(p.getProperty("snn.denseAbove", "1.0")),
        !"false".equals(p.getProperty("snn.stepGroups")),
        Boolean.parseBoolean(p.getProperty("snn.wideBlocks", String.valueOf(jdk25))),
        packPad == null ? defaultPackPad() : Integer.decode(packPad.trim()),
        Boolean.parseBoolean(p.getProperty("snn.widePasses", String.valueOf(jdk25))),
        true,
        Double.parseDouble(p.getProperty("snn.convDenseAbove", "0.05")));
  }

  /**
   * Padding that aligns packed rows: the packed arrays are megabytes, which G1 allocates as humongous objects at the
   * start of a region, so the array's first element sits at the JVM's array base offset (16 bytes, or 12 with
   * compact object headers) and {@code (64 - base) / 4} floats of padding put the rows on cache lines. This is a
   * speed assumption only: with another collector or a small array the rows are merely unaligned.
   */
  static int defaultPackPad() {
    int base = 16;
    try {
      base = Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // keep the usual 16-byte header
    }
    return Math.floorMod(64 - base, 64) / 4;
  }

  public Tuning withDenseAbove(double value) {
    return new Tuning(value, stepGroups, wideBlocks, packPad, widePasses, skipDeadSamples, convDenseAbove);
  }

  public Tuning withStepGroups(boolean value) {
    return new Tuning(denseAbove, value, wideBlocks, packPad, widePasses, skipDeadSamples, convDenseAbove);
  }

  public Tuning withWideBlocks(boolean value) {
    return new Tuning(denseAbove, stepGroups, value, packPad, widePasses, skipDeadSamples, convDenseAbove);
  }

  public Tuning withPackPad(int value) {
    return new Tuning(denseAbove, stepGroups, wideBlocks, value, widePasses, skipDeadSamples, convDenseAbove);
  }

  public Tuning withConvDenseAbove(double value) {
    return new Tuning(denseAbove, stepGroups, wideBlocks, packPad, widePasses, skipDeadSamples, value);
  }

  public Tuning withSkipDeadSamples(boolean value) {
    return new Tuning(denseAbove, stepGroups, wideBlocks, packPad, widePasses, value, convDenseAbove);
  }
}
