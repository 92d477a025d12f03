package org.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.dense.DenseProducts;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

class TrainingLoopTest {
  private static final int[] SIZES = {40, 33, 4};

  private static SurrogateGradient rectangular() {
    return PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular:a=1"));
  }

  /** Trains 2 epochs and returns the model file bytes plus the test accuracy in the last slot. */
  private static byte[] train(int threads, Kernels kernels, int batch, String loss, String optimizer)
      throws Exception {
    return train(threads, kernels, batch, loss, optimizer, DenseProducts.Path.AUTO);
  }

  private static byte[] train(int threads, Kernels kernels, int batch, String loss, String optimizer,
      DenseProducts.Path path) throws Exception {
    PatternDataset data = new PatternDataset(300, 40, 4, 5);
    try (WorkerPool pool = new WorkerPool(threads)) {
      SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 42, kernels);
      net.spikingLayers().forEach(l -> ((DenseSynapse) l.synapse()).setProductPath(path));
      StbpTrainer trainer =
          new StbpTrainer(net, rectangular(), Losses.byName(loss), Optimizers.byName(optimizer, 1e-2f), pool);
      TrainingLoop loop = new TrainingLoop(trainer, new BernoulliTestEncoder(), Losses.byName(loss), 8, batch, 7, pool);
      for (int e = 1; e <= 2; e++) {
        loop.trainEpoch(data, e, ProgressListener.NONE);
      }
      return ModelFile.encode(net, Map.of("timesteps", "8"));
    }
  }

  @Test
  void sameSeedGivesTheSameModelWhateverTheThreadCount() throws Exception {
    byte[] one = train(1, Kernels.get(), 32, "mse", "adam");
    byte[] two = train(2, Kernels.get(), 32, "mse", "adam");
    assertArrayEquals(one, two);
  }

  @Test
  void scalarAndVectorTwinsTrainTheSameModel() throws Exception {
    assertArrayEquals(train(2, KernelSelection.scalar(), 32, "mse", "adam"),
        train(2, KernelSelection.vector(), 32, "mse", "adam"));
  }

  /**
   * The event-driven and dense products round differently (DenseProductsTest compares them to a reference); each
   * path on its own must train the same model in both twins and with any thread count.
   */
  @Test
  void eachProductPathTrainsTheSameModelInBothTwinsAndThreadCounts() throws Exception {
    for (DenseProducts.Path path : new DenseProducts.Path[] {DenseProducts.Path.EVENT, DenseProducts.Path.DENSE}) {
      byte[] vector = train(2, KernelSelection.vector(), 32, "mse", "adam", path);
      assertArrayEquals(vector, train(1, KernelSelection.scalar(), 32, "mse", "adam", path), path.name());
    }
  }

  /** Bernoulli spikes delivered as 0/1 analog currents: the analog (GEMM) input path must train the same model. */
  private static final class CurrentsEncoder implements org.snn4j.api.SpikeEncoder {
    @Override
    public String name() {
      return "test-currents";
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
      byte[] spikes = new byte[steps * n];
      new BernoulliTestEncoder().encode(f, from, n, steps, key, spikes, 0, n);
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < n; i++) {
          out[outFrom + t * outStride + i] = spikes[t * n + i];
        }
      }
    }
  }

  @Test
  void analogInputOfZerosAndOnesTrainsTheSameModelAsSpikes() throws Exception {
    byte[][] models = new byte[2][];
    for (int k = 0; k < 2; k++) {
      PatternDataset data = new PatternDataset(300, 40, 4, 5);
      try (WorkerPool pool = new WorkerPool(2)) {
        SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 42, Kernels.get());
        // spikes through the dense product, which multiplies 0/1 floats exactly like the analog path
        net.spikingLayers().forEach(l -> ((DenseSynapse) l.synapse()).setProductPath(DenseProducts.Path.DENSE));
        StbpTrainer trainer = new StbpTrainer(net, rectangular(), Losses.byName("mse"), Optimizers.byName("adam",
            1e-2f), pool);
        org.snn4j.api.SpikeEncoder enc = k == 0 ? new BernoulliTestEncoder() : new CurrentsEncoder();
        try (TrainingLoop loop = new TrainingLoop(trainer, enc, Losses.byName("mse"), 8, 32, 7, pool)) {
          for (int e = 1; e <= 2; e++) {
            loop.trainEpoch(data, e, ProgressListener.NONE);
          }
          assertTrue(loop.evaluate(data, ProgressListener.NONE).accuracyPercent() > 50);
        }
        models[k] = ModelFile.encode(net, Map.of());
      }
    }
    assertArrayEquals(models[0], models[1]);
  }

  @Test
  void differentSeedsOrBatchesGiveDifferentModels() throws Exception {
    assertNotEquals(Arrays.hashCode(train(1, Kernels.get(), 32, "mse", "adam")),
        Arrays.hashCode(train(1, Kernels.get(), 25, "mse", "adam")));
  }

  @Test
  void learnsSeparablePatternsWithEachLossAndOptimizer() {
    for (String[] combo : new String[][] {{"mse", "adam"}, {"ce", "adam"}, {"mse", "sgd"}}) {
      PatternDataset train = new PatternDataset(400, 40, 4, 1);
      PatternDataset test = new PatternDataset(200, 40, 4, 2);
      try (WorkerPool pool = new WorkerPool(2)) {
        SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 3, Kernels.get());
        float lr = combo[1].equals("sgd") ? 0.5f : 1e-2f;
        StbpTrainer trainer =
            new StbpTrainer(net, rectangular(), Losses.byName(combo[0]), Optimizers.byName(combo[1], lr), pool);
        TrainingLoop loop =
            new TrainingLoop(trainer, new BernoulliTestEncoder(), Losses.byName(combo[0]), 8, 20, 11, pool);
        Evaluation before = loop.evaluate(test, ProgressListener.NONE);
        EpochResult first = null;
        EpochResult last = null;
        for (int e = 1; e <= 4; e++) {
          last = loop.trainEpoch(train, e, ProgressListener.NONE);
          if (first == null) {
            first = last;
          }
        }
        Evaluation after = loop.evaluate(test, ProgressListener.NONE);
        String what = Arrays.toString(combo);
        assertTrue(after.accuracyPercent() >= 90, what + " accuracy " + after.accuracyPercent());
        assertTrue(after.accuracyPercent() > before.accuracyPercent(), what);
        assertTrue(last.meanLoss() < first.meanLoss(), what + " loss did not fall");
        assertEquals(2, after.firingRates().length, what);
        assertTrue(after.firingRates()[0] > 0 && after.firingRates()[0] < 1, what);
      }
    }
  }

  @Test
  void evaluationGivesWhatTheTrainersOwnInferenceGives() {
    // evaluate() runs a frozen copy of the network; recompute its figures batch by batch with StbpTrainer.infer on
    // the same encoded batches (epoch 0's stream), with a last batch shorter than the others
    PatternDataset train = new PatternDataset(200, 40, 4, 1);
    PatternDataset test = new PatternDataset(107, 40, 4, 2);
    int steps = 8;
    int batchSize = 20;
    try (WorkerPool pool = new WorkerPool(2)) {
      SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 3, Kernels.get());
      org.snn4j.api.Loss mse = Losses.byName("mse");
      StbpTrainer trainer = new StbpTrainer(net, rectangular(), mse, Optimizers.byName("adam", 1e-2f), pool);
      TrainingLoop loop = new TrainingLoop(trainer, new BernoulliTestEncoder(), mse, steps, batchSize, 11, pool);
      loop.trainEpoch(train, 1, ProgressListener.NONE);
      Evaluation got = loop.evaluate(test, ProgressListener.NONE);

      BatchEncoder batches = new BatchEncoder(test, new BernoulliTestEncoder(), steps, 11);
      BatchEncoder.Slot slot = new BatchEncoder.Slot();
      int[] order = new int[test.size()];
      Arrays.setAll(order, i -> i);
      int classes = SIZES[SIZES.length - 1];
      float[] rates = new float[batchSize * classes];
      float[] grad = new float[batchSize * classes];
      long[] spikes = new long[2];
      int correct = 0;
      double lossSum = 0;
      int nBatches = 0;
      for (int from = 0; from < order.length; from += batchSize) {
        int batch = Math.min(batchSize, order.length - from);
        batches.encode(slot, order, from, batch, 0, pool);
        trainer.infer(slot.spikes, rates);
        lossSum += mse.evaluate(rates, slot.labels, batch, classes, grad);
        nBatches++;
        for (int l = 0; l < 2; l++) {
          spikes[l] += trainer.lastSpikeCounts()[l];
        }
        for (int b = 0; b < batch; b++) {
          int best = 0;
          for (int k = 1; k < classes; k++) {
            best = rates[b * classes + k] > rates[b * classes + best] ? k : best;
          }
          correct += best == slot.labels[b] ? 1 : 0;
        }
      }
      assertEquals(test.size(), got.samples());
      assertEquals(correct, got.correct());
      assertEquals(lossSum / nBatches, got.meanLoss());
      for (int l = 0; l < 2; l++) {
        int size = SIZES[l + 1];
        assertEquals(spikes[l] / ((double) test.size() * steps * size), got.firingRates()[l], "layer " + l);
      }
      assertTrue(spikes[0] > 0, "the hidden layer fired");
    }
  }

  @Test
  void anEvaluatorNeedsNoTrainerAndAgreesWithTheTrainingLoop() {
    PatternDataset train = new PatternDataset(200, 40, 4, 1);
    PatternDataset test = new PatternDataset(107, 40, 4, 2);
    try (WorkerPool pool = new WorkerPool(2)) {
      SequentialNet net = SequentialNet.mlp(SIZES, LifNeuron.PAPER, 3, Kernels.get());
      org.snn4j.api.Loss mse = Losses.byName("mse");
      StbpTrainer trainer = new StbpTrainer(net, rectangular(), mse, Optimizers.byName("adam", 1e-2f), pool);
      TrainingLoop loop = new TrainingLoop(trainer, new BernoulliTestEncoder(), mse, 8, 20, 11, pool);
      loop.trainEpoch(train, 1, ProgressListener.NONE);
      Evaluation expected = loop.evaluate(test, ProgressListener.NONE);

      TrainingLoop evaluator = TrainingLoop.evaluator(net, new BernoulliTestEncoder(), mse, 8, 20, 11, pool);
      Evaluation got = evaluator.evaluate(test, ProgressListener.NONE);
      assertEquals(expected.correct(), got.correct());
      assertEquals(expected.meanLoss(), got.meanLoss());
      assertArrayEquals(expected.firingRates(), got.firingRates());
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> evaluator.trainEpoch(train, 1, ProgressListener.NONE));
      assertTrue(e.getMessage().contains("only evaluates"), e.getMessage());
    }
  }

  @Test
  void shuffleIsAPermutationFixedBySeedAndEpoch() {
    int[] a = TrainingLoop.shuffle(1000, 9, 1);
    assertArrayEquals(a, TrainingLoop.shuffle(1000, 9, 1));
    assertNotEquals(Arrays.toString(a), Arrays.toString(TrainingLoop.shuffle(1000, 9, 2)));
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
  }
}
