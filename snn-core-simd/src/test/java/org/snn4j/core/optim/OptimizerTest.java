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
}
