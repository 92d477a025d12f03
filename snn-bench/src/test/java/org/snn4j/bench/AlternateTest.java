package org.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Two copies of one build, alternating: isolated from each other and each turn from the initial network. */
class AlternateTest {
  private static final String CLASS_PATH = System.getProperty("java.class.path");

  @Test
  void bothSidesOfOneBuildTrainTheSameStepsInIsolation() throws Exception {
    Alternate.Side[] sides = Alternate.run(CLASS_PATH, CLASS_PATH, "train", 2, 3, 2);
    for (Alternate.Side side : sides) {
      assertEquals(6, side.times.size(), "2 timed turns of 3 steps");
      assertTrue(side.percentile(0) > 0 && side.percentile(0) <= side.percentile(0.5));
      assertTrue(side.percentile(0.5) <= side.percentile(0.9));
    }
    // separate class loaders: each side has its own workload classes
    assertNotSame(sides[0].workload.getClass(), sides[1].workload.getClass());
    assertNotSame(sides[0].workload.getClass(), MlpWorkload.class);
    // every turn starts from the initial network: the same losses, turn after turn, on both sides
    for (int k = 0; k < 6; k++) {
      assertEquals(sides[0].results.get(k % 3), sides[0].results.get(k), "side A, step " + k);
      assertEquals(sides[0].results.get(k), sides[1].results.get(k), "step " + k + " of both sides");
    }
  }

  @Test
  void inferenceTurnsGiveTheSameRates() throws Exception {
    Alternate.Side[] sides = Alternate.run(CLASS_PATH, CLASS_PATH, "infer", 1, 2, 1);
    assertArrayEquals((float[]) sides[0].results.get(1), (float[]) sides[1].results.get(1));
    // the frozen network's turns give the trained network's rates, also against each other in one run
    Alternate.Side[] frozen = Alternate.run(CLASS_PATH, CLASS_PATH, "frozen", 1, 2, 1);
    assertArrayEquals((float[]) sides[0].results.get(1), (float[]) frozen[1].results.get(1));
    Alternate.Side[] mixed = Alternate.run(CLASS_PATH, CLASS_PATH, "infer/frozen", 1, 2, 1);
    assertEquals("infer", mixed[0].step.getName());
    assertEquals("inferFrozen", mixed[1].step.getName());
    assertArrayEquals((float[]) mixed[0].results.get(1), (float[]) mixed[1].results.get(1));
  }

  @Test
  void anUnknownModeIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Alternate.run(CLASS_PATH, CLASS_PATH, "fast", 1, 1, 1));
    assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
  }

  @Test
  void aMissingJarIsNamed() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Alternate.run("/nope/base.jar", CLASS_PATH, "train", 1, 1, 1));
    assertTrue(e.getMessage().contains("/nope/base.jar"), e.getMessage());
  }
}
