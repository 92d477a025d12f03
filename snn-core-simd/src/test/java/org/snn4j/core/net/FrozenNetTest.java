package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.optim.Sgd;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/** A frozen network infers what its source inferred when frozen, packs its weights once, and stays frozen. */
class FrozenNetTest {
  private static final int[] SIZES = {200, 96, 10};
  private static final int STEPS = 8;

  /** Rate-coded spikes: each input has its own firing probability (a quarter of them never fire). */
  private static SpikeTensor spikes(int batch, long seed) {
    Random r = new Random(seed);
    SpikeTensor x = new SpikeTensor(STEPS, batch, SIZES[0]);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < SIZES[0]; i++) {
        double p = r.nextDouble() < 0.25 ? 0 : r.nextDouble();
        for (int t = 0; t < STEPS; t++) {
          x.data()[(t * batch + b) * SIZES[0] + i] = (byte) (r.nextDouble() < p ? 1 : 0);
        }
      }
    }
    return x;
  }

  private static StbpTrainer trainer(SequentialNet net, WorkerPool pool) {
    return new StbpTrainer(
        net,
        PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular:a=1")),
        new MseRateLoss(),
        new Sgd(0.5f, 0f),
        pool);
  }

  private static SequentialNet network() {
    return SequentialNet.mlp(SIZES, LifNeuron.PAPER, 3, Kernels.get());
  }

  private static float[] live(StbpTrainer trainer, SpikeTensor x) {
    float[] rates = new float[x.batch() * SIZES[2]];
    trainer.infer(x, rates);
    return rates;
  }

  private static float[] frozen(FrozenNet.Session session, SpikeTensor x) {
    float[] rates = new float[x.batch() * SIZES[2]];
    session.infer(x, rates);
    return rates;
  }

  @Test
  void infersWhatTheNetworkInfersAndPacksItsWeightsOnce() {
    SequentialNet net = network();
    try (WorkerPool pool = new WorkerPool(2)) {
      StbpTrainer trainer = trainer(net, pool);
      FrozenNet.Session session = FrozenNet.of(net).newSession(pool);
      int[] batches = {7, 25, 3, 25};
      for (int k = 0; k < batches.length; k++) {
        SpikeTensor x = spikes(batches[k], 10 + k);
        float[] want = live(trainer, x);
        assertArrayEquals(want, frozen(session, x), "batch " + k);
        assertTrue(anyPositive(want), "some output fires, so the comparison can fail");
      }
      // the trained network packs its wide layer's weights at every forward pass, the frozen one at its first
      assertEquals(batches.length, trainer.weightPacks());
      assertEquals(1, session.weightPacks());

      // analog input currents go through the GEMM, the same in both
      FloatTensor currents = new FloatTensor(STEPS, 5, SIZES[0]);
      Random r = new Random(4);
      for (int i = 0; i < currents.data().length; i++) {
        currents.data()[i] = r.nextFloat();
      }
      float[] want = new float[5 * SIZES[2]];
      float[] got = new float[5 * SIZES[2]];
      trainer.infer(currents, want);
      session.infer(currents, got);
      assertArrayEquals(want, got);
    }
  }

  @Test
  void trainingTheSourceLeavesTheFrozenCopyAsItWas() {
    SequentialNet net = network();
    SpikeTensor x = spikes(20, 7);
    int[] labels = new int[20];
    for (int b = 0; b < labels.length; b++) {
      labels[b] = b % SIZES[2];
    }
    try (WorkerPool pool = new WorkerPool(2)) {
      StbpTrainer trainer = trainer(net, pool);
      FrozenNet.Session session = FrozenNet.of(net).newSession(pool);
      float[] before = live(trainer, x);
      assertArrayEquals(before, frozen(session, x));
      for (int step = 0; step < 5; step++) {
        trainer.trainBatch(x, labels);
      }
      assertFalse(Arrays.equals(before, live(trainer, x)), "training changed the source's outputs");
      assertArrayEquals(before, frozen(session, x), "the frozen copy did not change");
    }
  }

  @Test
  void sessionsOnTwoThreadsAgreeWithOneSession() throws Exception {
    FrozenNet net = FrozenNet.of(network());
    SpikeTensor[] inputs = new SpikeTensor[6];
    float[][] want = new float[inputs.length][];
    try (WorkerPool pool = new WorkerPool(1)) {
      FrozenNet.Session session = net.newSession(pool);
      for (int k = 0; k < inputs.length; k++) {
        inputs[k] = spikes(9 + 4 * k, 30 + k);
        want[k] = frozen(session, inputs[k]);
      }
    }
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?>[] runs = new Future<?>[2];
      for (int j = 0; j < runs.length; j++) {
        runs[j] = threads.submit(() -> {
          try (WorkerPool pool = new WorkerPool(2)) {
            FrozenNet.Session session = net.newSession(pool);
            for (int repeat = 0; repeat < 3; repeat++) {
              for (int k = 0; k < inputs.length; k++) {
                assertArrayEquals(want[k], frozen(session, inputs[k]), "batch " + k);
              }
            }
          }
          return null;
        });
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void rejectsInputOfTheWrongSizeAndTooSmallAnOutput() {
    FrozenNet net = FrozenNet.of(network());
    assertArrayEquals(SIZES, net.sizes());
    try (WorkerPool pool = new WorkerPool(1)) {
      FrozenNet.Session session = net.newSession(pool);
      IllegalArgumentException wrongSize = assertThrows(
          IllegalArgumentException.class, () -> session.infer(new SpikeTensor(STEPS, 2, 199), new float[20]));
      assertTrue(wrongSize.getMessage().contains("200") && wrongSize.getMessage().contains("199"),
          wrongSize.getMessage());
      IllegalArgumentException small = assertThrows(
          IllegalArgumentException.class, () -> session.infer(spikes(2, 1), new float[19]));
      assertTrue(small.getMessage().contains("19") && small.getMessage().contains("20"), small.getMessage());
    }
  }

  private static boolean anyPositive(float[] a) {
    for (float v : a) {
      if (v > 0) {
        return true;
      }
    }
    return false;
  }
}
