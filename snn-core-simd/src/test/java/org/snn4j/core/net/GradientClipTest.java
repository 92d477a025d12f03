package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Parameter;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.optim.Sgd;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.surrogates.RectangularSurrogate;

/** Gradient-norm clipping against the clip computed by hand on the same gradients. */
class GradientClipTest {
  private static final int[] SIZES = {30, 20, 4};
  private static final int STEPS = 5;
  private static final int BATCH = 16;
  private static final SurrogateGradient SURROGATE = new RectangularSurrogate().create(PluginSpec.parse("rectangular"));

  private static SpikeTensor input(int[] labels) {
    SplitMix64 rng = new SplitMix64(3);
    SpikeTensor x = new SpikeTensor(STEPS, BATCH, SIZES[0]);
    for (int b = 0; b < BATCH; b++) {
      labels[b] = rng.nextInt(SIZES[2]);
    }
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = (byte) (rng.nextFloat() < 0.4f ? 1 : 0);
    }
    return x;
  }

  /** Trains one batch with clipping and returns the updated parameters and the norm seen. */
  private static Object[] clippedStep(float clip, int threads) {
    int[] labels = new int[BATCH];
    SpikeTensor x = input(labels);
    try (WorkerPool pool = new WorkerPool(threads)) {
      SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 11, Kernels.get());
      StbpTrainer trainer = new StbpTrainer(net, SURROGATE, new MseRateLoss(), new Sgd(0.5f, 0f),
          pool);
      trainer.setGradientClip(clip);
      trainer.trainBatch(x, labels);
      return new Object[] {values(net), trainer.lastGradientNorm()};
    }
  }

  private static float[][] values(SequentialNet net) {
    List<Parameter> ps = net.parameters();
    float[][] v = new float[ps.size()][];
    for (int q = 0; q < v.length; q++) {
      v[q] = ps.get(q).value().clone();
    }
    return v;
  }

  @Test
  void clipsToTheMaximumNormAsClipGradNorm() {
    int[] labels = new int[BATCH];
    SpikeTensor x = input(labels);
    float[][] expected;
    double norm;
    try (WorkerPool pool = new WorkerPool(1)) {
      SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 11, Kernels.get());
      StbpTrainer trainer = new StbpTrainer(net, SURROGATE, new MseRateLoss(), new Sgd(0.5f, 0f),
          pool);
      trainer.computeGradients(x, labels);
      double sum = 0;
      for (Parameter p : net.parameters()) {
        for (float g : p.gradient()) {
          sum += (double) g * g;
        }
      }
      norm = Math.sqrt(sum);
      float c = (float) (0.01f / (norm + 1e-6));
      for (Parameter p : net.parameters()) {
        for (int i = 0; i < p.value().length; i++) {
          p.value()[i] -= 0.5f * (p.gradient()[i] * c);
        }
      }
      expected = values(net);
    }
    assertTrue(norm > 0.01, "the test needs a gradient larger than the clip, got " + norm);
    Object[] clipped = clippedStep(0.01f, 1);
    assertEquals(norm, (double) clipped[1], 0.0);
    assertArrayEquals(expected, (float[][]) clipped[0]);
    Object[] twoThreads = clippedStep(0.01f, 2);
    assertArrayEquals(expected, (float[][]) twoThreads[0], "same bits with 2 threads");
  }

  @Test
  void aClipAboveTheNormChangesNothing() {
    Object[] loose = clippedStep(1e6f, 1);
    Object[] none = clippedStep(0f, 1);
    assertArrayEquals((float[][]) none[0], (float[][]) loose[0]);
    assertTrue(Double.isNaN((double) none[1]), "no norm without clipping");
    try (WorkerPool pool = new WorkerPool(1)) {
      StbpTrainer t = new StbpTrainer(SequentialNet.mlp(SIZES, LifNeuron.PAPER, 1, Kernels.get()),
          SURROGATE, new MseRateLoss(), new Sgd(0.5f, 0f), pool);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.setGradientClip(-1f));
      assertTrue(e.getMessage().contains("clip"), e.getMessage());
    }
  }
}
