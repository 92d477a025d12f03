package org.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/** Dropout: one mask per sample for all steps, scaled by 1/(1−p), reproducible, and the identity at inference. */
class DropoutTest {
  private static final int T = 4;
  private static final int B = 3;

  private static float[] randomAnalog(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[T * B * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.25f + r.nextFloat(); // never zero, so the ratio y/x shows the mask
    }
    return x;
  }

  private static long[] randomBits(int n, long seed) {
    Random r = new Random(seed);
    int words = SpikeBits.words(n);
    long[] bits = new long[T * B * words];
    for (int row = 0; row < T * B; row++) {
      for (int i = 0; i < n; i++) {
        if (r.nextDouble() < 0.4) {
          bits[row * words + (i >>> 6)] |= 1L << i;
        }
      }
    }
    return bits;
  }

  private static float[] train(Dropout d, Activation in, int threads) {
    Tape tape = d.newTape(Tuning.system());
    tape.ensure(T, B);
    tape.setTraining(true);
    try (WorkerPool pool = new WorkerPool(threads)) {
      d.forward(in, tape, pool);
    }
    assertFalse(tape.output().isSpikes(), "training output is analog");
    return tape.output().analog().clone();
  }

  @Test
  void theMaskOfASampleIsTheSameAtEveryStepAndScalesByOneOverKeep() {
    int n = 300;
    Dropout d = new Dropout(Shape.vector(n), 0.25, 7, 2);
    float[] x = randomAnalog(n, 1);
    float[] y = train(d, new Activation().setAnalog(x), 2);
    float scale = (float) (1 / 0.75);
    int kept = 0;
    int dropped = 0;
    for (int b = 0; b < B; b++) {
      for (int i = 0; i < n; i++) {
        boolean keep = d.kept(0, b, i);
        for (int t = 0; t < T; t++) {
          int at = (t * B + b) * n + i;
          assertEquals(keep ? x[at] * scale : 0f, y[at], "t=" + t + " b=" + b + " i=" + i);
        }
        kept += keep ? 1 : 0;
        dropped += keep ? 0 : 1;
      }
    }
    assertTrue(kept > 0 && dropped > 0);
    assertEquals(1, d.batches(), "one training batch counted");
  }

  @Test
  void samplesAndBatchesGetDifferentMasksAndAboutPAreDropped() {
    int n = 20000;
    double p = 0.3;
    Dropout d = new Dropout(Shape.vector(n), p, 11, 0);
    int dropped = 0;
    int sameAcrossSamples = 0;
    int sameAcrossBatches = 0;
    for (int b = 0; b < B; b++) {
      for (int i = 0; i < n; i++) {
        boolean keep = d.kept(0, b, i);
        dropped += keep ? 0 : 1;
        sameAcrossSamples += keep == d.kept(0, (b + 1) % B, i) ? 1 : 0;
        sameAcrossBatches += keep == d.kept(1, b, i) ? 1 : 0;
      }
    }
    double fraction = dropped / (double) (B * n);
    assertEquals(p, fraction, 0.01, "dropped fraction"); // σ ≈ 0.0019
    // independent masks agree on p² + (1−p)² = 0.58 of the elements
    assertEquals(0.58, sameAcrossSamples / (double) (B * n), 0.015);
    assertEquals(0.58, sameAcrossBatches / (double) (B * n), 0.015);
    Dropout other = new Dropout(Shape.vector(n), p, 11, 1);
    int sameAcrossLayers = 0;
    for (int i = 0; i < n; i++) {
      sameAcrossLayers += d.kept(0, 0, i) == other.kept(0, 0, i) ? 1 : 0;
    }
    assertEquals(0.58, sameAcrossLayers / (double) n, 0.02, "two layers of one network draw different masks");
    // the forward pass draws batch 0, then batch 1
    float[] ones = new float[T * B * 100];
    java.util.Arrays.fill(ones, 1f);
    Dropout small = new Dropout(Shape.vector(100), p, 11, 0);
    float[] first = train(small, new Activation().setAnalog(ones), 1);
    Tape tape = small.newTape(Tuning.system());
    tape.ensure(T, B);
    tape.setTraining(true);
    try (WorkerPool pool = new WorkerPool(1)) {
      small.forward(new Activation().setAnalog(ones), tape, pool);
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(small.kept(1, 0, i) ? 1 / (1 - (float) p) : 0f, tape.output().analog()[i], 1e-6f);
      assertEquals(small.kept(0, 0, i) ? 1 / (1 - (float) p) : 0f, first[i], 1e-6f);
    }
  }

  @Test
  void spikesInTrainingBecomeScaledAnalogValues() {
    int n = 130; // three words per row, the last partial
    Dropout d = new Dropout(Shape.vector(n), 0.5, 3, 1);
    long[] bits = randomBits(n, 5);
    float[] y = train(d, new Activation().setBits(bits), 3);
    int words = SpikeBits.words(n);
    for (int r = 0; r < T * B; r++) {
      for (int i = 0; i < n; i++) {
        float want = SpikeBits.get(bits, r * words, i) && d.kept(0, r % B, i) ? 2f : 0f;
        assertEquals(want, y[r * n + i]);
      }
    }
  }

  @Test
  void inferencePassesTheInputThroughUnchanged() {
    int n = 70;
    Dropout d = new Dropout(Shape.image(2, 5, 7), 0.4, 3, 1);
    Tape tape = d.newTape(Tuning.system());
    tape.ensure(T, B);
    tape.setTraining(false);
    long[] bits = randomBits(n, 2);
    float[] x = randomAnalog(n, 3);
    try (WorkerPool pool = new WorkerPool(2)) {
      d.forward(new Activation().setBits(bits), tape, pool);
      assertSame(bits, tape.output().bits(), "bits stay bits, not copied");
      assertNull(tape.output().analog());
      d.forward(new Activation().setAnalog(x), tape, pool);
      assertSame(x, tape.output().analog());
      float[] g = randomAnalog(n, 4);
      float[] gx = new float[g.length];
      d.backward(g, tape, null, gx, pool);
      assertArrayEquals(g, gx);
    }
    assertEquals(0, d.batches(), "inference draws no masks");
  }

  @Test
  void theMasksDoNotDependOnTheThreadCount() {
    int n = 1000;
    float[] x = randomAnalog(n, 9);
    long[] bits = randomBits(n, 10);
    float[] one = train(new Dropout(Shape.vector(n), 0.2, 5, 3), new Activation().setAnalog(x), 1);
    float[] three = train(new Dropout(Shape.vector(n), 0.2, 5, 3), new Activation().setAnalog(x), 3);
    assertArrayEquals(one, three);
    assertArrayEquals(train(new Dropout(Shape.vector(n), 0.2, 5, 3), new Activation().setBits(bits), 1),
        train(new Dropout(Shape.vector(n), 0.2, 5, 3), new Activation().setBits(bits), 3));
    assertNotEquals(java.util.Arrays.toString(one),
        java.util.Arrays.toString(train(new Dropout(Shape.vector(n), 0.2, 6, 3), new Activation().setAnalog(x), 1)),
        "another seed, other masks");
  }

  @Test
  void backwardScalesTheGradientByTheForwardMask() {
    int n = 257;
    Dropout d = new Dropout(Shape.vector(n), 0.35, 1, 4);
    Tape tape = d.newTape(Tuning.system());
    tape.ensure(T, B);
    tape.setTraining(true);
    float[] ones = new float[T * B * n];
    java.util.Arrays.fill(ones, 1f);
    float[] g = randomAnalog(n, 8);
    float[] gx = new float[g.length];
    float[] gx3 = new float[g.length];
    try (WorkerPool pool = new WorkerPool(1); WorkerPool pool3 = new WorkerPool(3)) {
      d.forward(new Activation().setAnalog(ones), tape, pool);
      float[] mask = tape.output().analog().clone(); // y = mask/(1−p) · 1
      d.backward(g, tape, null, gx, pool);
      d.backward(g, tape, null, gx3, pool3);
      for (int i = 0; i < g.length; i++) {
        assertEquals(g[i] * mask[i], gx[i], "dL/dx = mask/(1−p) · dL/dy at " + i);
      }
      assertArrayEquals(gx, gx3);
      d.backward(g, tape, null, null, pool); // the first layer: nothing to write
    }
  }

  @Test
  void aCopyDrawsTheSameMasksNextAndProbabilitiesOutsideZeroOneFail() {
    int n = 50;
    Dropout d = new Dropout(Shape.vector(n), 0.5, 2, 0);
    float[] x = randomAnalog(n, 1);
    train(d, new Activation().setAnalog(x), 1);
    Dropout c = d.copy();
    assertEquals(1, c.batches());
    assertArrayEquals(train(d, new Activation().setAnalog(x), 1), train(c, new Activation().setAnalog(x), 1));
    assertEquals(0, d.withSeed(9).batches());
    assertEquals(9, d.withSeed(9).seed());
    assertThrows(IllegalArgumentException.class, () -> new Dropout(Shape.vector(3), 0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(Shape.vector(3), 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(Shape.vector(3), Double.NaN, 1, 0));
  }
}
