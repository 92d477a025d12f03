package org.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Optimizer;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/** A run whose loss or parameters stop being finite ends with an error naming the epoch and the batch. */
class DivergenceTest {
  private static final int[] SIZES = {40, 33, 4};

  /** A plugin-like surrogate with a bug: NaN everywhere. */
  private static final SurrogateGradient NAN_SURROGATE = new SurrogateGradient() {
    @Override
    public String name() {
      return "nan";
    }

    @Override
    public float derivative(float z) {
      return Float.NaN;
    }
  };

  private static SurrogateGradient rectangular() {
    return PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular:a=1"));
  }

  private static TrainingDivergedException trainUntilItFails(
      SequentialNet net, SurrogateGradient surrogate, Optimizer optimizer) {
    PatternDataset data = new PatternDataset(300, 40, 4, 5);
    try (WorkerPool pool = new WorkerPool(2)) {
      StbpTrainer trainer = new StbpTrainer(net, surrogate, Losses.byName("mse"), optimizer, pool);
      TrainingLoop loop = new TrainingLoop(trainer, new BernoulliTestEncoder(), Losses.byName("mse"), 8, 32, 7, pool);
      return assertThrows(TrainingDivergedException.class, () -> {
        for (int e = 1; e <= 3; e++) {
          loop.trainEpoch(data, e, ProgressListener.NONE);
        }
      });
    }
  }

  @Test
  void aSurrogateThatReturnsNanStopsTrainingAtTheFirstBatch() {
    SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 42, Kernels.get());
    TrainingDivergedException e = trainUntilItFails(net, NAN_SURROGATE, Optimizers.byName("adam", 1e-2f));
    assertEquals(1, e.epoch());
    assertEquals(1, e.batch());
    assertTrue(e.getMessage().startsWith("training diverged in epoch 1 at batch 1 of 10: layer "), e.getMessage());
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("--lr, now 0.01"), e.getMessage());
  }

  @Test
  void aHugeLearningRateStopsTraining() {
    SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 42, Kernels.get());
    TrainingDivergedException e = trainUntilItFails(net, rectangular(), Optimizers.byName("sgd", 1e38f));
    assertTrue(e.getMessage().contains("(--lr, now 1.0E38)"), e.getMessage());
  }

  /** A weight alone gone bad is found by the scan of the weights, at the latest after the epoch's last batch. */
  @Test
  void aNonFiniteWeightIsFoundWithinTheEpoch() {
    SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 42, Kernels.get());
    net.spikingLayers().get(1).weight()[7] = Float.POSITIVE_INFINITY;
    TrainingDivergedException e = trainUntilItFails(net, rectangular(), Optimizers.byName("adam", 1e-3f));
    assertEquals(1, e.epoch(), e.getMessage());
    assertTrue(e.batch() <= 10, e.getMessage());
  }
}
