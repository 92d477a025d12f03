package org.snn4j.datasets.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PoissonEncoderTest {
  @Test
  void stepProbabilityIsThatOfAtLeastOnePoissonEvent() {
    PoissonEncoder enc = new PoissonEncoder(1000, 1);
    assertEquals(0.0, enc.stepProbability(0f));
    assertEquals(1 - Math.exp(-1), enc.stepProbability(1f), 1e-15);
    assertEquals(1 - Math.exp(-0.25), enc.stepProbability(0.25f), 1e-15);
    assertEquals(enc.stepProbability(1f), enc.stepProbability(7f), "clamped to 1");
    assertEquals(0.0, enc.stepProbability(-1f));
    assertEquals(1 - Math.exp(-0.02), new PoissonEncoder(20, 1).stepProbability(1f), 1e-15, "about rate*dt");
  }

  @Test
  void firingRateMatchesTheStepProbability() {
    PoissonEncoder enc = new PoissonEncoder(500, 1);
    float[] x = {0f, 0.2f, 0.5f, 1f};
    int steps = 40_000;
    byte[] out = new byte[steps * x.length];
    enc.encode(x, 0, x.length, steps, 99, out, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      int count = 0;
      for (int t = 0; t < steps; t++) {
        count += out[t * x.length + i];
      }
      double q = enc.stepProbability(x[i]);
      double sd = Math.sqrt(steps * q * (1 - q));
      assertEquals(steps * q, count, 5 * sd + 1e-9, "feature " + i);
    }
  }

  @Test
  void overwritesEveryCellOfItsRows() {
    PoissonEncoder enc = new PoissonEncoder(1000, 1);
    byte[] out = new byte[3 * 5];
    Arrays.fill(out, (byte) 7);
    enc.encode(new float[5], 0, 5, 3, 1, out, 0, 5);
    for (byte b : out) {
      assertEquals(0, b);
    }
  }

  @Test
  void rejectsNonPositiveRatesAndSteps() {
    assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(10, -1));
  }
}
