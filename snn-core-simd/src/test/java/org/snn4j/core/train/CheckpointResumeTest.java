package org.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.io.Checkpoint;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.CheckpointableOptimizer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/**
 * A run stopped after k batches, saved to a checkpoint, and resumed by new objects (network, optimizer, trainer,
 * pool) writes the same model file, byte for byte, as the run that was never stopped.
 */
class CheckpointResumeTest {
  private static final String CONV = "conv4k3p1,lif,avgpool2,flatten,dropout0.2,dense10,lif";
  private static final int EPOCHS = 2;
  private static final int BATCH = 16;
  /** 100 samples in batches of 16: 7 batches per epoch, the last of 4. */
  private static final int SAMPLES = 100;

  @TempDir Path dir;

  /** One training run, built from nothing but its settings, as a new process would. */
  private static final class Run {
    final String net;
    final String optimizer;
    final int threads;
    final SequentialNet network;
    final CheckpointableOptimizer opt;
    final PatternDataset data;

    Run(String net, String optimizer, int threads) {
      this.net = net;
      this.optimizer = optimizer;
      this.threads = threads;
      this.network = net.equals("mlp")
          ? SequentialNet.mlp(new int[] {64, 24, 4}, LifNeuron.PAPER, 5, Kernels.get())
          : NetSpec.parse(net).build(Shape.image(1, 8, 8), s -> LifNeuron.PAPER, 5, Kernels.get());
      this.opt = (CheckpointableOptimizer) Optimizers.byName(optimizer, 5e-3f);
      this.data = new PatternDataset(SAMPLES, 64, 4, 3);
    }

    /**
     * Trains from {@code epoch} and {@code progress} to the end, or until {@code stopAfter} batches of the whole run
     * (counted from its start) are done, when it writes {@code checkpoint} and returns false.
     */
    boolean train(int epoch, EpochProgress progress, long stopAfter, Path checkpoint) {
      try (WorkerPool pool = new WorkerPool(threads)) {
        StbpTrainer trainer = new StbpTrainer(network, PluginRegistry.load(SurrogateFactory.class).get("rectangular")
            .create(PluginSpec.parse("rectangular:a=1")), Losses.byName("mse"), opt, pool);
        TrainingLoop loop = new TrainingLoop(trainer, new BernoulliTestEncoder(), Losses.byName("mse"), 6, BATCH, 9,
            pool);
        int perEpoch = (SAMPLES + BATCH - 1) / BATCH;
        boolean[] stopped = {false};
        for (int e = epoch; e <= EPOCHS; e++) {
          EpochProgress p = e == epoch ? progress : new EpochProgress(network.layers().size());
          loop.trainEpoch(data, e, p, ProgressListener.NONE, (ep, now) -> {
            if ((long) (ep - 1) * perEpoch + now.batches() == stopAfter) {
              try {
                Checkpoint.write(checkpoint, network, opt, ep, now, Map.of("--seed", "9"));
              } catch (IOException x) {
                throw new UncheckedIOException(x);
              }
              stopped[0] = true;
              return false;
            }
            return true;
          });
          if (stopped[0]) {
            return false;
          }
        }
        return true;
      }
    }

    byte[] model() throws IOException {
      return ModelFile.encode(network, Map.of());
    }
  }

  private byte[] uninterrupted(String net, String optimizer, int threads) throws IOException {
    Run r = new Run(net, optimizer, threads);
    assertTrue(r.train(1, new EpochProgress(r.network.layers().size()), -1, null));
    return r.model();
  }

  /** Stops a run after {@code k} batches and resumes it from its checkpoint with new objects. */
  private byte[] interruptedAndResumed(String net, String optimizer, int threadsBefore, int threadsAfter, int k)
      throws IOException {
    Path file = dir.resolve("run.ckpt");
    Run first = new Run(net, optimizer, threadsBefore);
    assertFalse(first.train(1, new EpochProgress(first.network.layers().size()), k, file), "stopped at batch " + k);
    Checkpoint c = Checkpoint.read(file);
    Run second = new Run(net, optimizer, threadsAfter);
    c.restore(second.network, second.opt);
    assertArrayEquals(first.model(), second.model(), "the restored network is the saved one");
    assertEquals(first.opt.steps(), second.opt.steps());
    assertTrue(second.train(c.epoch(), c.progress(), -1, null));
    return second.model();
  }

  @ParameterizedTest(name = "{0} with {1}, {2} then {3} threads, stopped after {4} batches")
  @CsvSource({
    "mlp, adam, 1, 1, 3",
    "mlp, adam, 2, 2, 10",
    "mlp, sgd, 2, 2, 10",
    "mlp, adam, 1, 2, 7",
    "'" + CONV + "', adam, 1, 1, 10",
    "'" + CONV + "', adam, 2, 2, 4",
    "'" + CONV + "', adam, 2, 1, 7",
    "'conv4k3p1,tdbn,lif,avgpool2,flatten,dropout0.2,dense10,lif', sgd, 2, 2, 9",
  })
  void aResumedRunWritesTheUninterruptedRunsModelByteForByte(
      String net, String optimizer, int before, int after, int k) throws IOException {
    byte[] want = uninterrupted(net, optimizer, after);
    assertArrayEquals(want, interruptedAndResumed(net, optimizer, before, after, k));
  }

  /**
   * The test can fail: a resumed run that forgets the dropout layer's batch counter draws other masks and ends
   * elsewhere, as does one that starts its optimizer afresh.
   */
  @Test
  void forgettingTheDropoutCounterOrTheOptimizerStateChangesTheModel() throws IOException {
    byte[] want = uninterrupted(CONV, "adam", 2);
    Path file = dir.resolve("run.ckpt");
    new Run(CONV, "adam", 2).train(1, new EpochProgress(5), 10, file);
    Checkpoint c = Checkpoint.read(file);

    Run noCounter = new Run(CONV, "adam", 2);
    c.restore(noCounter.network, noCounter.opt);
    Dropout d = (Dropout) noCounter.network.layers().stream().filter(l -> l instanceof Dropout).findFirst()
        .orElseThrow();
    assertEquals(10, d.batches(), "the counter was saved after 10 training batches");
    d.setBatches(0);
    noCounter.train(c.epoch(), c.progress(), -1, null);
    assertFalse(Arrays.equals(want, noCounter.model()), "other masks, another model");

    Run freshOptimizer = new Run(CONV, "adam", 2);
    c.restore(freshOptimizer.network, freshOptimizer.opt);
    freshOptimizer.opt.restore(0, freshOptimizer.network.parameters(),
        Arrays.asList(new float[freshOptimizer.network.parameters().size()][][]));
    freshOptimizer.train(c.epoch(), c.progress(), -1, null);
    assertFalse(Arrays.equals(want, freshOptimizer.model()), "other Adam steps, another model");
  }

  /** The epoch's result after a resume counts the batches before the interruption: the same as without one. */
  @Test
  void theResumedEpochsResultCountsTheBatchesBeforeTheInterruption() throws IOException {
    Run whole = new Run("mlp", "adam", 1);
    EpochProgress all = new EpochProgress(2);
    Path file = dir.resolve("epoch.ckpt");
    try (WorkerPool pool = new WorkerPool(1)) {
      TrainingLoop loop = loop(whole, pool);
      EpochResult r = loop.trainEpoch(whole.data, 1, all, ProgressListener.NONE, BatchHook.NONE);
      Run part = new Run("mlp", "adam", 1);
      TrainingLoop partLoop = loop(part, pool);
      EpochProgress p = new EpochProgress(2);
      assertNull(partLoop.trainEpoch(part.data, 1, p, ProgressListener.NONE, (e, now) -> now.batches() < 4));
      assertEquals(4, p.batches());
      Checkpoint.write(file, part.network, part.opt, 1, p, Map.of());
      Run resumed = new Run("mlp", "adam", 1);
      Checkpoint c = Checkpoint.read(file);
      c.restore(resumed.network, resumed.opt);
      EpochResult s = loop(resumed, pool).trainEpoch(resumed.data, 1, c.progress(), ProgressListener.NONE,
          BatchHook.NONE);
      assertEquals(r.meanLoss(), s.meanLoss(), 0.0);
      assertArrayEquals(r.firingRates(), s.firingRates(), 0.0);
      assertEquals(SAMPLES, s.samples());
      assertTrue(r.trainCorrect() > 0, "the whole epoch counted its correct predictions");
      assertEquals(r.trainCorrect(), s.trainCorrect(), "the checkpoint kept the count before the interruption");
      assertEquals(p.correct(), c.progress().correct());
    }
  }

  private static TrainingLoop loop(Run r, WorkerPool pool) {
    StbpTrainer trainer = new StbpTrainer(r.network, PluginRegistry.load(SurrogateFactory.class).get("rectangular")
        .create(PluginSpec.parse("rectangular:a=1")), Losses.byName("mse"), r.opt, pool);
    return new TrainingLoop(trainer, new BernoulliTestEncoder(), Losses.byName("mse"), 6, BATCH, 9, pool);
  }
}
