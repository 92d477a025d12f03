package org.snn4j.datasets.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Vector API rate draws against the scalar spec: same bytes, same bytes left alone. */
class RateDrawsParityTest {
  private static RateDraws vector;

  @BeforeAll
  static void needsTheVectorModule() {
    assumeTrue(
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "jdk.incubator.vector is not resolved in this JVM");
    assumeTrue(
        jdk.incubator.vector.LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512,
        "the vector draws are used only with 512-bit vectors");
    vector = RateDraws.vector();
    assertNotNull(vector, "the module is resolved and vectors are 512 bits, but the vector twin did not load");
  }

  @Test
  void selectionFollowsSnnSimd() {
    assertEquals(RateDraws.SCALAR, RateDraws.Selection.select("scalar"));
    assertEquals(vector.getClass(), RateDraws.Selection.select("vector").getClass());
    assertEquals(vector.getClass(), RateDraws.Selection.select("auto").getClass());
  }

  @Test
  void matchesTheSpecOnSizesAroundTheLaneCount() {
    Random rnd = new Random(11);
    int[] sizes = {0, 1, 7, 8, 9, 15, 16, 17, 63, 65, 784, 801};
    for (int n : sizes) {
      for (int trial = 0; trial < 6; trial++) {
        float[] p = intensities(rnd, n + 5);
        int from = rnd.nextInt(5);
        int steps = 1 + rnd.nextInt(4);
        int stride = n + rnd.nextInt(9);
        int outFrom = rnd.nextInt(7);
        long start = rnd.nextLong();
        check(p, from, n, steps, start, outFrom, stride, "n=" + n + " trial " + trial);
      }
    }
  }

  @Test
  void matchesTheSpecOnEdgeIntensities() {
    // every group of eight mixes values whose outcome is fixed with ones that need a draw, plus NaN, signed zeros,
    // infinities, subnormals and values next to 0 and 1
    float[] specials = {
      0f, -0f, 1f, -1f, 2f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
      Math.nextUp(0f), Math.nextDown(1f), 0.5f, 1e-7f, 0x1.0p-24f, 0x1.0p-25f, 1 - 0x1.0p-24f
    };
    Random rnd = new Random(5);
    float[] p = new float[8 * 64 + 3];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextInt(3) == 0 ? rnd.nextFloat() : specials[rnd.nextInt(specials.length)];
    }
    for (int trial = 0; trial < 20; trial++) {
      check(p, 0, p.length, 3, rnd.nextLong(), 0, p.length, "trial " + trial);
    }
  }

  @Test
  void coversAllZeroAndAllOneGroupsAndFiresWhereExpected() {
    float[] p = new float[40];
    for (int i = 16; i < 24; i++) {
      p[i] = 1f;
    }
    for (int i = 24; i < 40; i++) {
      p[i] = 0.5f;
    }
    byte[] out = check(p, 0, p.length, 50, 42L, 0, p.length, "blocks");
    int fired = 0;
    for (int t = 0; t < 50; t++) {
      for (int i = 0; i < 40; i++) {
        byte s = out[t * 40 + i];
        if (i < 16) {
          assertEquals(0, s, "a zero intensity fired at step " + t + ", feature " + i);
        } else if (i < 24) {
          assertEquals(1, s, "a unit intensity stayed silent at step " + t + ", feature " + i);
        } else {
          fired += s;
        }
      }
    }
    // 800 fair draws: 400 expected, sd ~14
    assertEquals(400, fired, 80, "fair draws fired " + fired + " times out of 800");
  }

  private static float[] intensities(Random rnd, int n) {
    float[] p = new float[n];
    int i = 0;
    while (i < n) {
      // runs of background (zeros), saturated pixels and grey levels, as in images
      int run = 1 + rnd.nextInt(20);
      int kind = rnd.nextInt(3);
      for (int k = 0; k < run && i < n; k++, i++) {
        p[i] = kind == 0 ? 0f : kind == 1 ? 1f : rnd.nextInt(256) / 255f;
      }
    }
    return p;
  }

  private static byte[] check(float[] p, int from, int n, int steps, long start, int outFrom, int stride, String what) {
    int size = outFrom + steps * Math.max(stride, n) + 3;
    byte[] expected = new byte[size];
    byte[] actual = new byte[size];
    // bytes between rows and past the end must be left alone
    java.util.Arrays.fill(expected, (byte) 7);
    java.util.Arrays.fill(actual, (byte) 7);
    RateDraws.SCALAR.draw(p, from, n, steps, start, expected, outFrom, stride);
    vector.draw(p, from, n, steps, start, actual, outFrom, stride);
    assertArrayEquals(expected, actual, what);
    return actual;
  }
}
