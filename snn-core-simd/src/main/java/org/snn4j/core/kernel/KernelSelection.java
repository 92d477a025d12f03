package org.snn4j.core.kernel;

import java.util.Locale;

/**
 * Chooses the kernel twin once, at class initialisation, from {@code -Dsnn.simd=auto|scalar|vector}.
 *
 * <p>{@code auto} (the default) uses the Vector API when the {@code jdk.incubator.vector} module is resolved and
 * otherwise falls back to the scalar twin with a one-line notice, logged at {@code WARNING} through {@link
 * System.Logger} (logger {@code org.snn4j.core.kernel.KernelSelection}; the {@code snn} command shows it on stderr).
 * Library code never prints. {@code vector} fails if the module is missing instead of falling back, so CI notices a
 * silent fallback.
 */
public final class KernelSelection {
  private static final System.Logger LOG = System.getLogger(KernelSelection.class.getName());

  private static final String VECTOR_CLASS = "org.snn4j.core.internal.vector.VectorKernels";

  private KernelSelection() {}

  /**
   * Holds the selection so that it is made at the first {@link Kernels#get()}, not when this class loads: {@link
   * #scalar()} can be used before, e.g. by a command that chooses {@code -Dsnn.simd} from the size of its job.
   */
  static final class Selected {
    static final Kernels KERNELS = select(System.getProperty("snn.simd", "auto"));

    private Selected() {}
  }

  static Kernels select(String mode) {
    switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "scalar":
        return new ScalarKernels();
      case "vector":
        if (!vectorModulePresent()) {
          throw new IllegalStateException(
              "-Dsnn.simd=vector but jdk.incubator.vector is not resolved: add --add-modules jdk.incubator.vector");
        }
        return loadVector();
      case "":
      case "auto":
        if (!vectorModulePresent()) {
          LOG.log(System.Logger.Level.WARNING,
              "snn: jdk.incubator.vector not resolved; using scalar kernels"
                  + " (run with --add-modules jdk.incubator.vector, as bin/snn does)");
          return new ScalarKernels();
        }
        try {
          return loadVector();
        } catch (RuntimeException | LinkageError e) {
          LOG.log(System.Logger.Level.WARNING, "snn: Vector API kernels failed to load (" + e + "); using scalar kernels");
          return new ScalarKernels();
        }
      default:
        throw new IllegalArgumentException("-Dsnn.simd must be auto, scalar or vector, got '" + mode + "'");
    }
  }

  /** Whether the incubator module is part of the boot layer. */
  public static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** The scalar twin, regardless of the selection (for parity checks). */
  public static Kernels scalar() {
    return new ScalarKernels();
  }

  /**
   * The vector twin, regardless of the selection.
   *
   * @throws IllegalStateException if the module is missing
   */
  public static Kernels vector() {
    if (!vectorModulePresent()) {
      throw new IllegalStateException("jdk.incubator.vector is not resolved: add --add-modules jdk.incubator.vector");
    }
    return loadVector();
  }

  private static Kernels loadVector() {
    // Loaded reflectively so that this class never links against jdk.incubator.vector types.
    try {
      return (Kernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + VECTOR_CLASS + ": " + e, e);
    }
  }
}
