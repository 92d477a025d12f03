package org.snn4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.api.Parameter;

class OptimizerTest {
  @Test
  void adamFirstStepMovesEachWeightByTheLearningRateAgainstTheGradientSign() {
    // after one step m̂ = g and v̂ = g², so the update is lr·g/(|g| + ε) ≈ lr·sign(g)
    Parameter p = new Parameter("w", new float[] {1f, 1f, 1f}, new float[] {0.5f, -2f, 0f});
    new Adam(0.01f).step(List.of(p));
    assertEquals(0.99f, p.value()[0], 1e-6);
    assertEquals(1.01f, p.value()[1], 1e-6);
    assertEquals(1f, p.value()[2], 0f);
  }

  @Test
  void adamMatchesAHandComputedSecondStep() {
    Parameter p = new Parameter("w", new float[] {0f}, new float[] {1f});
    Adam adam = new Adam(0.1f);
    adam.step(List.of(p));
    p.gradient()[0] = -1f;
    adam.step(List.of(p));
    double m = 0.9 * 0.1 + 0.1 * -1;
    double v = 0.999 * 0.001 + 0.001;
    double expected = -0.1 - 0.1 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.998001) + 1e-8);
    assertEquals(expected, p.value()[0], 1e-5);
  }

  @Test
  void adamAfterResetStepsAsANewAdam() {
    Parameter used = new Parameter("w", new float[] {0.3f, -0.2f}, new float[] {1f, -0.5f});
    Adam adam = new Adam(0.1f);
    adam.step(List.of(used));
    adam.step(List.of(used));
    adam.reset();
    used.value()[0] = 0.3f;
    used.value()[1] = -0.2f;
    used.gradient()[0] = -0.25f;
    used.gradient()[1] = 2f;
    Parameter fresh = new Parameter("w", new float[] {0.3f, -0.2f}, new float[] {-0.25f, 2f});
    Adam reference = new Adam(0.1f);
    adam.step(List.of(used));
    reference.step(List.of(fresh));
    org.junit.jupiter.api.Assertions.assertArrayEquals(fresh.value(), used.value());
  }

  @Test
  void sgdWithMomentumAccumulates() {
    Parameter p = new Parameter("w", new float[] {0f}, new float[] {1f});
    Sgd sgd = new Sgd(0.1f, 0.9f);
    sgd.step(List.of(p));
    assertEquals(-0.1f, p.value()[0], 1e-7);
    sgd.step(List.of(p));
    assertEquals(-0.1f - 0.19f, p.value()[0], 1e-6);
  }

  @Test
  void rejectsBadNamesAndLearningRates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("rmsprop", 1));
    assertTrue(e.getMessage().contains("adam, sgd"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("adam", 0f));
    assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("sgd", -1f));
    assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("adam", Float.NaN));
  }

  /** Two steps, then the state moved into a new optimizer: its next steps are the old one's, bit for bit. */
  private static void restoredStepsAsTheOriginal(CheckpointableOptimizer original, CheckpointableOptimizer fresh) {
    Parameter a = new Parameter("w", new float[] {0.3f, -0.2f, 0f}, new float[] {1f, -0.5f, -0f});
    Parameter b = new Parameter("b", new float[] {0.1f}, new float[] {0.75f});
    List<Parameter> ps = List.of(a, b);
    original.step(ps);
    a.gradient()[1] = 2f;
    original.step(ps);
    Parameter a2 = new Parameter("w", a.value().clone(), a.gradient().clone());
    Parameter b2 = new Parameter("b", b.value().clone(), b.gradient().clone());
    List<Parameter> copies = List.of(a2, b2);
    fresh.restore(original.steps(), copies, java.util.Arrays.asList(original.state(a), original.state(b)));
    assertEquals(2, fresh.steps());
    if (original.state(a) != null) {
      org.junit.jupiter.api.Assertions.assertNotSame(original.state(a)[0], fresh.state(a2)[0], "restore copies");
    }
    for (int step = 0; step < 3; step++) {
      a.gradient()[0] = a2.gradient()[0] = -0.25f * step;
      original.step(ps);
      fresh.step(copies);
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(a.value(), a2.value());
    org.junit.jupiter.api.Assertions.assertArrayEquals(b.value(), b2.value());
  }

  @Test
  void adamAndSgdRestoredFromTheirStateStepAsTheOriginals() {
    restoredStepsAsTheOriginal(new Adam(0.05f), new Adam(0.05f));
    restoredStepsAsTheOriginal(new Sgd(0.05f, 0.9f), new Sgd(0.05f, 0.9f));
    restoredStepsAsTheOriginal(new Sgd(0.05f, 0f), new Sgd(0.05f, 0f));
    Adam adam = new Adam(0.1f);
    Parameter p = new Parameter("w", new float[2], new float[2]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> adam.restore(1, List.of(p), List.<float[][]>of(new float[][] {new float[3], new float[3]})));
    assertTrue(e.getMessage().contains("w: a state array of 3 values, the parameter has 2"), e.getMessage());
  }
}
