package org.snn4j.bench;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares two builds of the README model's step in one JVM, alternating between them: on a shared, noisy machine a
 * disturbance then hits both sides alike, where two JMH runs minutes apart drift by 20-40%. Each side is a
 * {@code benchmarks.jar} (or any class path holding snn-bench and its dependencies) in its own class loader,
 * running its own {@link MlpWorkload} with its own threads; the sides take turns of {@code steps} steps, each turn
 * from the initial network (as {@link MlpBenchmark} measures), in the order A B B A A B ..., and every step is timed.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx4g -cp snn-bench/target/benchmarks.jar org.snn4j.bench.Alternate \
 *     base.jar new.jar [train|infer|frozen|BASE_MODE/NEW_MODE] [rounds] [steps] [threads]
 * </pre>
 *
 * Prints each side's percentiles in ms and the ratios new/base; {@code bin/bench-alternate} builds the base.
 */
public final class Alternate {
  private Alternate() {}

  /** One build: its workload and its timings, in ns. */
  static final class Side {
    final String jar;
    final Object workload;
    final Method reset;
    final Method step;
    final Method close;
    final List<Long> times = new ArrayList<>();
    final List<Object> results = new ArrayList<>();

    Side(String jar, String mode, int threads) throws ReflectiveOperationException, java.io.IOException {
      this.jar = jar;
      String[] entries = jar.split(File.pathSeparator);
      URL[] urls = new URL[entries.length];
      for (int k = 0; k < entries.length; k++) {
        File file = new File(entries[k]);
        if (!file.exists()) {
          throw new IllegalArgumentException("no such jar or class folder: " + entries[k]);
        }
        urls[k] = file.toURI().toURL();
      }
      URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
      Thread.currentThread().setContextClassLoader(loader); // plugins are found through it
      Class<?> kernels = Class.forName("org.snn4j.core.kernel.Kernels", true, loader);
      Class<?> type = Class.forName(MlpWorkload.class.getName(), true, loader);
      Constructor<?> make = type.getDeclaredConstructor(int.class, kernels);
      make.setAccessible(true);
      workload = make.newInstance(threads, kernels.getMethod("get").invoke(null));
      reset = accessible(type.getDeclaredMethod("reset"));
      String name = stepMethod(mode);
      try {
        step = accessible(type.getDeclaredMethod(name, int.class));
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(
            jar + " has no MlpWorkload." + name + ": mode '" + mode + "' needs a build that has it", e);
      }
      close = accessible(type.getDeclaredMethod("close"));
    }

    private static Method accessible(Method m) {
      m.setAccessible(true);
      return m;
    }

    /** A turn of {@code steps} steps from the initial network; timed when {@code record}. */
    void turn(int steps, boolean record) throws ReflectiveOperationException {
      reset.invoke(workload);
      for (int s = 0; s < steps; s++) {
        long t0 = System.nanoTime();
        Object out = step.invoke(workload, s);
        long t = System.nanoTime() - t0;
        if (record) {
          times.add(t);
          results.add(out instanceof float[] f ? f.clone() : out);
        }
      }
    }

    double percentile(double q) {
      long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    double mean() {
      return times.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
    }
  }

  /** The workload's method for a mode: a training step, an inference batch, or one on the frozen network. */
  static String stepMethod(String mode) {
    return switch (mode) {
      case "train" -> "train";
      case "infer" -> "infer";
      case "frozen" -> "inferFrozen";
      default -> throw new IllegalArgumentException("mode must be train, infer or frozen, got '" + mode + "'");
    };
  }

  /**
   * Runs the comparison; returns the two sides (for tests). A mode {@code "a/b"} runs mode {@code a} on the base and
   * {@code b} on the candidate, e.g. {@code infer/frozen} on one build twice.
   */
  static Side[] run(String base, String candidate, String mode, int rounds, int steps, int threads)
      throws Exception {
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    int slash = mode.indexOf('/');
    String baseMode = slash < 0 ? mode : mode.substring(0, slash);
    String candidateMode = slash < 0 ? mode : mode.substring(slash + 1);
    try {
      Side a = new Side(base, baseMode, threads);
      Side b = new Side(candidate, candidateMode, threads);
      for (int w = 0; w < 3; w++) { // warm-up: C2 and the Vector API's intrinsics
        a.turn(steps, false);
        b.turn(steps, false);
      }
      for (int r = 0; r < rounds; r++) {
        Side first = r % 2 == 0 ? a : b;
        Side second = first == a ? b : a;
        first.turn(steps, true);
        second.turn(steps, true);
      }
      a.close.invoke(a.workload);
      b.close.invoke(b.workload);
      return new Side[] {a, b};
    } finally {
      Thread.currentThread().setContextClassLoader(original);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Alternate BASE.jar NEW.jar [train|infer|frozen|BASE_MODE/NEW_MODE] [rounds=12]"
          + " [steps=150] [threads=2]");
      System.exit(2);
    }
    String mode = args.length > 2 ? args[2] : "train";
    try {
      for (String m : mode.split("/", 2)) {
        stepMethod(m);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("Alternate: " + e.getMessage());
      System.exit(2);
    }
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 12;
    int steps = args.length > 4 ? Integer.parseInt(args[4]) : 150;
    int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    Side[] sides = run(args[0], args[1], mode, rounds, steps, threads);
    double[] qs = {0, 0.1, 0.25, 0.5, 0.9};
    System.out.printf(Locale.ROOT, "%s, %d threads, %d steps per side, ms per step%n", mode, threads, rounds * steps);
    System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s %8s %8s %8s%n", "", "min", "p10", "p25", "p50", "p90", "mean");
    for (int k = 0; k < 2; k++) {
      Side s = sides[k];
      double[] v = Arrays.stream(qs).map(s::percentile).toArray();
      System.out.printf(Locale.ROOT, "%-8s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f  %s%n", k == 0 ? "base" : "new", v[0],
          v[1], v[2], v[3], v[4], s.mean(), s.jar);
    }
    double[] r = Arrays.stream(qs).map(q -> sides[1].percentile(q) / sides[0].percentile(q)).toArray();
    System.out.printf(Locale.ROOT, "%-8s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f%n", "new/base", r[0], r[1], r[2], r[3],
        r[4], sides[1].mean() / sides[0].mean());
  }
}
