package org.snn4j.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.Loss;

class LossGradientTest {
  private static void checkAgainstFiniteDifferences(Loss loss) {
    Random r = new Random(3);
    int batch = 4;
    int classes = 5;
    float[] rates = new float[batch * classes];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = r.nextFloat();
    }
    int[] labels = {0, 3, 4, 1};
    float[] grad = new float[rates.length];
    loss.evaluate(rates, labels, batch, classes, grad);
    float[] scratch = new float[rates.length];
    for (int i = 0; i < rates.length; i++) {
      float h = 1e-2f;
      float[] plus = rates.clone();
      float[] minus = rates.clone();
      plus[i] += h;
      minus[i] -= h;
      double numeric =
          (loss.evaluate(plus, labels, batch, classes, scratch) - loss.evaluate(minus, labels, batch, classes, scratch))
              / (2.0 * h);
      assertEquals(numeric, grad[i], 2e-4, loss.name() + " element " + i);
    }
  }

  @Test
  void mseGradientMatchesFiniteDifferences() {
    checkAgainstFiniteDifferences(new MseRateLoss());
  }

  @Test
  void crossEntropyGradientMatchesFiniteDifferences() {
    checkAgainstFiniteDifferences(new CrossEntropyRateLoss());
  }

  @Test
  void mseCountGradientMatchesFiniteDifferences() {
    checkAgainstFiniteDifferences(new MseCountLoss(7));
    checkAgainstFiniteDifferences(Losses.byName("MSE-count", 3));
  }

  @Test
  void mseCountComparesCountsWithTTimesTheLabel() {
    // 2 samples, 2 classes, T = 4: counts 4·r against (4, 0) and (0, 4)
    float[] rates = {0.75f, 0.25f, 0.5f, 1f};
    float[] grad = new float[4];
    int steps = 4;
    float v = Losses.byName("mse-count", steps).evaluate(rates, new int[] {0, 1}, 2, 2, grad);
    double[] d = {3 - 4, 1 - 0, 2 - 0, 4 - 4};
    double sum = 0;
    for (double x : d) {
      sum += x * x;
    }
    assertEquals(sum / (2 * 2 * steps), v, 1e-6);
    for (int i = 0; i < 4; i++) {
      assertEquals(2 * d[i] / 4, grad[i], 1e-6, "element " + i);
    }
    // T times the rate MSE, with a gradient T times as large
    float[] rateGrad = new float[4];
    float mse = new MseRateLoss().evaluate(rates, new int[] {0, 1}, 2, 2, rateGrad);
    assertEquals(steps * mse, v, 1e-6);
    for (int i = 0; i < 4; i++) {
      assertEquals(steps * rateGrad[i], grad[i], 1e-6);
    }
  }

  @Test
  void mseCountNeedsTheSteps() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("mse-count"));
    assertTrue(e.getMessage().contains("needs T"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Losses.byName("mse-count", 0));
    assertTrue(Losses.NAMES.contains("mse-count"));
    assertEquals(9, ((MseCountLoss) Losses.byName("mse-count", 9)).timesteps());
  }

  @Test
  void mseIsTheMeanOverBatchAndClasses() {
    float[] rates = {1f, 0f, 0.5f, 0.5f};
    float v = new MseRateLoss().evaluate(rates, new int[] {0, 1}, 2, 2, new float[4]);
    assertEquals((0 + 0 + 0.25 + 0.25) / 4, v, 1e-7);
  }

  @Test
  void unknownLossNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("hinge"));
    assertTrue(e.getMessage().contains("hinge") && e.getMessage().contains("mse"), e.getMessage());
    assertEquals("ce", Losses.byName("CE").name());
  }
}
