package org.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.core.kernel.KernelSelection;

/** What the benchmarks measure is real work on realistic spikes, and the same work in both twins. */
class MlpWorkloadSanityTest {
  @Test
  void inputsHaveTheRateCodedDensityAndTrainingChangesTheLoss() throws Exception {
    try (MlpWorkload w = new MlpWorkload(2, KernelSelection.vector())) {
      assertEquals(60, w.batches);
      for (int k = 0; k < w.batches; k++) {
        double density = w.inputs[k].density();
        assertTrue(density > 0.15 && density < 0.45, "input density " + density);
      }
      float first = w.train(0);
      for (int s = 1; s < 16; s++) {
        w.train(s % 4);
      }
      float later = w.train(0);
      assertTrue(later < first, "loss on the same batch falls with training: " + first + " -> " + later);
      long[] counts = w.trainer.lastSpikeCounts();
      assertEquals(2, counts.length);
      assertTrue(counts[0] > 0 && counts[1] > 0, "hidden and output layers spike");
      // reset restores the initial network: the first step's loss again
      w.reset();
      assertEquals(first, w.train(0));
    }
  }

  @Test
  void benchmarkedStepIsTheSameInBothTwins() throws Exception {
    try (MlpWorkload scalar = new MlpWorkload(1, KernelSelection.scalar());
        MlpWorkload vector = new MlpWorkload(2, KernelSelection.vector())) {
      for (int s = 0; s < 3; s++) {
        assertEquals(scalar.train(s), vector.train(s));
      }
      assertArrayEquals(scalar.infer(5), vector.infer(5));
    }
  }

  @Test
  void frozenInferenceIsTheNetworksInference() throws Exception {
    try (MlpWorkload w = new MlpWorkload(2, KernelSelection.vector())) {
      for (int s : new int[] {0, 1, 59}) {
        float[] want = w.infer(s).clone();
        assertArrayEquals(want, w.inferFrozen(s), "batch " + s);
      }
    }
  }

  @Test
  void encodingStepEncodesOnThePoolTheSpikesOfThePreEncodedRing() throws Exception {
    // batch k of the ring holds samples k·100 .. k·100+99 with the keys encode(k) uses: same spikes, whatever the
    // thread count, and so the same training step
    try (MlpWorkload one = new MlpWorkload(1, KernelSelection.vector());
        MlpWorkload two = new MlpWorkload(2, KernelSelection.vector())) {
      for (int k : new int[] {0, 3, 59}) {
        assertArrayEquals(one.inputs[k].data(), one.encode(k).data(), "batch " + k + ", 1 thread");
        assertArrayEquals(one.inputs[k].data(), two.encode(k).data(), "batch " + k + ", 2 threads");
        assertArrayEquals(one.labels[k], two.freshLabels);
      }
      assertEquals(one.train(2), two.trainEncoded(2));
      assertArrayEquals(one.infer(4), two.inferEncoded(4));
    }
  }
}
