package org.snn4j.datasets.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * Feeds a parser mutated and random inputs for a bounded number of tries and time. The only exceptions allowed are
 * the documented one and the given subclasses of it; anything else (a crash, an {@link OutOfMemoryError}, an index
 * error) fails the test with the seed, the try and the input, which is also saved under {@code target/fuzz-failures}
 * for replay.
 */
final class FuzzHarness {
  /** Mutated tries per seed file. */
  static final int MUTATIONS = 400;
  /** Purely random tries. */
  static final int RANDOM = 100;
  /** The time budget of one parser's run. */
  static final Duration BUDGET = Duration.ofSeconds(40);

  private FuzzHarness() {}

  /** A parser under test. */
  @FunctionalInterface
  interface Target {
    void parse(byte[] input) throws Exception;
  }

  /**
   * Runs the tries.
   *
   * @return how many mutated or random inputs were accepted (the rest were rejected with the allowed exception); a
   *     run where some are accepted shows the mutations reach past the header checks
   */
  static int run(String name, long seed, List<byte[]> seeds, Class<? extends Exception> allowed, Target target) {
    return Assertions.assertTimeoutPreemptively(BUDGET, () -> {
      Mutator m = new Mutator(seed);
      int tries = 0;
      int accepted = 0;
      for (byte[] s : seeds) {
        check(name, seed, tries++, s, allowed, target); // the seed itself must parse, or fail cleanly
        for (int i = 0; i < MUTATIONS; i++) {
          accepted += check(name, seed, tries++, m.mutate(s), allowed, target) ? 1 : 0;
        }
      }
      for (int i = 0; i < RANDOM; i++) {
        accepted += check(name, seed, tries++, m.random(600), allowed, target) ? 1 : 0;
      }
      return accepted;
    }, name + ": the fuzz run took longer than " + BUDGET + " (a parser hangs?)");
  }

  /** Whether the input was accepted; fails the test if it threw anything but the allowed exception. */
  private static boolean check(String name, long seed, int attempt, byte[] input, Class<? extends Exception> allowed,
      Target target) throws Exception {
    try {
      target.parse(input);
      return true;
    } catch (Exception e) {
      if (!allowed.isInstance(e)) {
        fail(describe(name, seed, attempt, input) + " threw " + e, e);
      }
      return false;
    } catch (OutOfMemoryError | StackOverflowError e) {
      fail(describe(name, seed, attempt, input) + " threw " + e, e);
      return false;
    }
  }

  private static String describe(String name, long seed, int attempt, byte[] input) throws Exception {
    Path dir = Path.of("target", "fuzz-failures");
    Files.createDirectories(dir);
    Path saved = Files.write(dir.resolve(name + "-" + seed + "-" + attempt + ".bin"), input);
    String head = HexFormat.of().formatHex(input, 0, Math.min(input.length, 48));
    return name + " (seed " + seed + ", try " + attempt + ", " + input.length + " bytes, saved to " + saved
        + ", starting " + head + ")";
  }
}
