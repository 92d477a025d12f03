package org.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

class TrainAccuracyTest {
  private static final int[] SIZES = {40, 33, 4};

  /** The features as currents at every step: the input does not depend on the epoch's stream. */
  private static final class SameCurrentsEncoder implements SpikeEncoder {
    @Override
    public String name() {
      return "same-currents";
    }

    @Override
    public boolean producesCurrents() {
      return true;
    }

    @Override
    public void encode(float[] f, int from, int n, int t, long key, byte[] out, int outFrom, int outStride) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void encodeCurrents(float[] f, int from, int n, int steps, long key, float[] out, int outFrom,
        int outStride) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(f, from, out, outFrom + t * outStride, n);
      }
    }
  }

  private static StbpTrainer trainer(SequentialNet net, float lr, WorkerPool pool) {
    return new StbpTrainer(net, PluginRegistry.load(SurrogateFactory.class).get("rectangular")
        .create(PluginSpec.parse("rectangular:a=1")), Losses.byName("mse"), Optimizers.byName("sgd", lr), pool);
  }

  /**
   * With a step too small to move any weight's bits and an input that is the same in every epoch's stream, the
   * training pass sees what evaluation sees: its count of correct predictions must equal evaluation's.
   */
  @Test
  void trainAccuracyCountsTheTrainingPassPredictions() {
    PatternDataset data = new PatternDataset(200, 40, 4, 3);
    try (WorkerPool pool = new WorkerPool(2)) {
      SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 11, Kernels.get());
      try (TrainingLoop loop = new TrainingLoop(trainer(net, 1e-30f, pool), new SameCurrentsEncoder(),
          Losses.byName("mse"), 6, 32, 5, pool)) {
        Evaluation before = loop.evaluate(data, ProgressListener.NONE);
        EpochResult r = loop.trainEpoch(data, 1, ProgressListener.NONE);
        assertEquals(before.correct(), r.trainCorrect());
        assertEquals(before.accuracyPercent(), r.trainAccuracyPercent(), 1e-12);
      }
    }
  }

  @Test
  void trainAccuracyRisesAsTheNetLearnsAndIsTheSameAtAnyThreadCount() {
    int[] counts = new int[2];
    for (int threads = 1; threads <= 2; threads++) {
      PatternDataset data = new PatternDataset(300, 40, 4, 5);
      try (WorkerPool pool = new WorkerPool(threads)) {
        SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 42, Kernels.get());
        try (TrainingLoop loop = new TrainingLoop(trainer(net, 5e-2f, pool), new BernoulliTestEncoder(),
            Losses.byName("mse"), 8, 32, 7, pool)) {
          EpochResult first = loop.trainEpoch(data, 1, ProgressListener.NONE);
          EpochResult third = null;
          for (int e = 2; e <= 3; e++) {
            third = loop.trainEpoch(data, e, ProgressListener.NONE);
          }
          assertTrue(first.trainCorrect() >= 0 && first.trainCorrect() <= 300);
          assertTrue(third.trainAccuracyPercent() > first.trainAccuracyPercent(),
              first.trainAccuracyPercent() + " then " + third.trainAccuracyPercent());
          counts[threads - 1] = third.trainCorrect();
        }
      }
    }
    assertEquals(counts[0], counts[1]);
  }

  @Test
  void anUnknownCountStaysUnknown() {
    EpochProgress old = new EpochProgress(0, 0, 0, new long[2], 0);
    assertEquals(-1, old.correct());
    assertTrue(Double.isNaN(new EpochResult(1, 10, 0.5, 1, new double[0]).trainAccuracyPercent()));
  }

  /** The observer sees every sample once, in dataset order, with the rates evaluation judged and each layer's spikes. */
  @Test
  void theObserverSeesEveryBatchInOrder() {
    PatternDataset data = new PatternDataset(70, 40, 4, 3);
    try (WorkerPool pool = new WorkerPool(2)) {
      SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 11, Kernels.get());
      try (TrainingLoop loop = TrainingLoop.evaluator(net, new BernoulliTestEncoder(), Losses.byName("mse"), 6, 32,
          5, pool)) {
        int[] next = {0};
        int[] correct = {0};
        long[] spikes = {0};
        Evaluation ev = loop.evaluate(data, ProgressListener.NONE, (first, batch, labels, rates, session) -> {
          assertEquals(next[0], first);
          next[0] += batch;
          for (int b = 0; b < batch; b++) {
            assertEquals(data.label(first + b), labels[b]);
            int best = 0;
            for (int k = 1; k < 4; k++) {
              best = rates[b * 4 + k] > rates[b * 4 + best] ? k : best;
            }
            correct[0] += best == labels[b] ? 1 : 0;
          }
          SpikeTensor s = session.lastSpikes(0);
          assertNotNull(s);
          assertEquals(batch, s.batch());
          assertEquals(session.lastSpikeCounts()[0], s.count());
          spikes[0] += s.count();
        });
        assertEquals(70, next[0]);
        assertEquals(ev.correct(), correct[0]);
        assertEquals(ev.firingRates()[0], spikes[0] / (70.0 * 6 * 33), 1e-12);
      }
    }
  }
}
