package org.snn4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.api.Parameter;

class LrScheduleTest {
  @Test
  void constantIsTheBaseRate() {
    LrSchedule s = LrSchedule.parse("constant", 0.01f, 3, 5);
    assertEquals(0.01f, s.at(1, 0));
    assertEquals(0.01f, s.at(3, 4));
  }

  @Test
  void stepDecaysAtEveryKthEpochBoundary() {
    LrSchedule s = LrSchedule.parse("step:every=2", 0.1f, 5, 10);
    assertEquals(0.1f, s.at(1, 0));
    assertEquals(0.1f, s.at(2, 9), "the last batch of the second epoch is still undecayed");
    assertEquals((float) (0.1 * 0.1), s.at(3, 0), "the first batch of epoch 3 is decayed once");
    assertEquals((float) (0.1 * 0.1 * 0.1), s.at(5, 0));
    LrSchedule half = LrSchedule.parse("step:every=1,gamma=0.5", 0.1f, 3, 10);
    assertEquals(0.025f, half.at(3, 3));
  }

  @Test
  void cosineWarmsUpLinearlyThenAnnealsToTheMinimum() {
    int perEpoch = 4;
    LrSchedule s = LrSchedule.parse("cosine:warmup=1,min=0.001", 0.1f, 3, perEpoch);
    assertEquals(0.1f / 4, s.at(1, 0), "warm-up starts at lr/(W·N)");
    assertEquals((float) (0.1 * 3 / 4), s.at(1, 2));
    assertEquals(0.1f, s.at(1, 3), "the warm-up's last batch reaches the base rate");
    assertEquals(0.1f, s.at(2, 0), "the anneal starts at the base rate");
    double last = 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * 7 / 8)) / 2;
    assertEquals((float) last, s.at(3, 3));
    double mid = 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * 4 / 8)) / 2;
    assertEquals((float) mid, s.at(3, 0), "halfway through the anneal: (lr + min) / 2");
    for (int e = 2; e <= 3; e++) {
      for (int b = 0; b < perEpoch; b++) {
        float next = b + 1 < perEpoch ? s.at(e, b + 1) : e < 3 ? s.at(e + 1, 0) : 0.001f;
        assertTrue(next < s.at(e, b), "decreasing after the warm-up at " + e + "/" + b);
      }
    }
    LrSchedule plain = LrSchedule.parse("cosine", 0.2f, 2, 1);
    assertEquals(0.2f, plain.at(1, 0));
    assertEquals(0.1f, plain.at(2, 0), 1e-7);
  }

  @Test
  void applySetsTheOptimizersRateAndRemembersIt() {
    Adam adam = new Adam(0.5f);
    LrSchedule s = LrSchedule.parse("step:every=1", 0.5f, 2, 1);
    assertEquals(0.5f, s.learningRate());
    s.apply(adam, 2, 0);
    assertEquals(0.05f, adam.learningRate());
    assertEquals(0.05f, s.learningRate());
    Parameter p = new Parameter("w", new float[] {0f}, new float[] {1f});
    adam.step(List.of(p));
    assertEquals(-0.05f, p.value()[0], 1e-6);
  }

  @Test
  void badSchedulesNameTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LrSchedule.parse("linear", 0.1f, 2, 2));
    assertTrue(e.getMessage().contains("known: constant, step, cosine"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("step", 0.1f, 2, 2));
    assertTrue(e.getMessage().contains("every=K"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("cosine:warmup=-1", 0.1f, 2, 2));
    assertTrue(e.getMessage().contains("warmup"), e.getMessage());
    LrSchedule shortened = LrSchedule.parse("cosine:warmup=5", 0.1f, 2, 2);
    assertEquals(0.05f, shortened.at(1, 0), "the warm-up shrinks to E-1 epochs");
    assertEquals(0.1f, shortened.at(2, 0), "and the last epoch anneals");
    e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("cosine:min=1", 0.1f, 2, 2));
    assertTrue(e.getMessage().contains("min"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("cosine:wamup=1", 0.1f, 2, 2));
    assertTrue(e.getMessage().contains("wamup"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("constant", 0.1f, 2, 2).at(3, 0));
    assertTrue(e.getMessage().contains("epoch 3"), e.getMessage());
    assertEquals("cosine:min=0,warmup=1", LrSchedule.parse("cosine:warmup=1", 0.1f, 2, 2).toString());
  }
}
