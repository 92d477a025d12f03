package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.api.Parameter;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.StoredArray;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.optim.Adam;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/** Networks with tdbn layers: they learn, give the same bits at any thread count, and skip no coupled sample. */
class TdBnTrainingTest {
  private static final int STEPS = 4;
  private static final int BATCH = 24;
  private static final int CLASSES = 3;
  private static final Shape IMAGE = Shape.image(1, 6, 6);

  private static SurrogateGradient surrogate() {
    PluginSpec s = PluginSpec.parse("rectangular:a=1");
    return PluginRegistry.load(SurrogateFactory.class).get(s.name()).create(s);
  }

  /** Class {@code c} fires the pixels of rows {@code 2c, 2c+1} at 80%, the others at 5%. */
  private static SpikeTensor images(int[] labels, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    int n = IMAGE.size();
    SpikeTensor x = new SpikeTensor(STEPS, BATCH, n);
    for (int b = 0; b < BATCH; b++) {
      labels[b] = rng.nextInt(CLASSES);
      for (int t = 0; t < STEPS; t++) {
        for (int i = 0; i < n; i++) {
          float p = i / 6 / 2 == labels[b] ? 0.8f : 0.05f;
          x.data()[(t * BATCH + b) * n + i] = (byte) (rng.nextFloat() < p ? 1 : 0);
        }
      }
    }
    return x;
  }

  private static SequentialNet convNet() {
    return NetSpec.parse("conv4k3p1,tdbn,lif,avgpool2,flatten,dense16,tdbn(alpha=0.5),lif,dense3,lif")
        .build(IMAGE, NetSpecTdBnTest.NEURONS, 3, Kernels.get());
  }

  private static List<float[]> stored(SequentialNet net) {
    List<float[]> out = new ArrayList<>();
    for (NetworkLayer l : net.layers()) {
      for (StoredArray a : l.storedArrays()) {
        out.add(a.values().clone());
      }
    }
    return out;
  }

  @Test
  void aSmallConvNetLearns() {
    SequentialNet net = convNet();
    int[] labels = new int[BATCH];
    float first = 0;
    float last = 0;
    try (WorkerPool pool = new WorkerPool(2)) {
      StbpTrainer trainer = new StbpTrainer(net, surrogate(), new MseRateLoss(), new Adam(0.01f), pool);
      for (int step = 0; step < 60; step++) {
        float loss = trainer.trainBatch(images(labels, 100 + step), labels);
        first += step < 5 ? loss : 0;
        last += step >= 55 ? loss : 0;
      }
    }
    assertTrue(last < 0.7f * first, "loss of the first 5 steps " + first + ", of the last 5 " + last);
    float[] runningVar = net.spikingLayers().get(0).norm().runningVar();
    assertTrue(runningVar[0] != 1f, "the running variance moved from its start");
  }

  @Test
  void oneAndThreeThreadsGiveTheSameBits() {
    SequentialNet one = convNet();
    SequentialNet three = one.copy();
    int[] labels = new int[BATCH];
    float[] lossOne = new float[4];
    float[] lossThree = new float[4];
    for (int threads : new int[] {1, 3}) {
      SequentialNet net = threads == 1 ? one : three;
      try (WorkerPool pool = new WorkerPool(threads)) {
        StbpTrainer trainer = new StbpTrainer(net, surrogate(), new MseRateLoss(), new Adam(0.01f), pool);
        for (int step = 0; step < 4; step++) {
          (threads == 1 ? lossOne : lossThree)[step] = trainer.trainBatch(images(labels, 7 + step), labels);
        }
      }
    }
    assertArrayEquals(lossOne, lossThree);
    List<float[]> a = stored(one);
    List<float[]> b = stored(three);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), "stored array " + i);
    }
    float[] rates1 = new float[BATCH * CLASSES];
    float[] rates3 = new float[BATCH * CLASSES];
    SpikeTensor x = images(labels, 50);
    try (WorkerPool p1 = new WorkerPool(1); WorkerPool p3 = new WorkerPool(3)) {
      FrozenNet.of(one).newSession(p1).infer(x, rates1);
      FrozenNet.of(three).newSession(p3).infer(x, rates3);
    }
    assertArrayEquals(rates1, rates3, "inference");
  }

  /** Vector input: class {@code c} fires its band of inputs at 90%, the others at 5%. */
  private static SpikeTensor vectors(int[] labels, int in, int classes, int batch, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    SpikeTensor x = new SpikeTensor(6, batch, in);
    int band = in / classes;
    for (int b = 0; b < batch; b++) {
      labels[b] = rng.nextInt(classes);
      for (int t = 0; t < 6; t++) {
        for (int i = 0; i < in; i++) {
          float p = i / band == labels[b] ? 0.9f : 0.05f;
          x.data()[(t * batch + b) * in + i] = (byte) (rng.nextFloat() < p ? 1 : 0);
        }
      }
    }
    return x;
  }

  private static List<float[]> gradients(SequentialNet net) {
    List<float[]> out = new ArrayList<>();
    for (Parameter p : net.parameters()) {
      out.add(p.gradient().clone());
    }
    return out;
  }

  /**
   * A sample whose loss gradient is zero still has gradients below a tdbn layer (the batch's statistics couple it to
   * the others): skipping dead samples must give the full computation's gradients, bit for bit.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dense37,tdbn,lif,dense4,lif", "dense37,lif,dense20,tdbn,lif,dense4,lif"})
  void deadSamplesAreNotSkippedWhereTdbnCouplesThem(String spec) {
    int batch = 48;
    int[] labels = new int[batch];
    SpikeTensor x = vectors(labels, 40, 4, batch, 5);
    try (WorkerPool pool = new WorkerPool(2)) {
      SequentialNet net = NetSpec.parse(spec).build(Shape.vector(40), NetSpecTdBnTest.NEURONS, 7, Kernels.get());
      StbpTrainer trainer = new StbpTrainer(net, surrogate(), new MseRateLoss(), new Adam(0.02f), pool);
      int dead = 0;
      for (int step = 0; step < 400 && dead < batch / 4; step++) {
        trainer.trainBatch(x, labels);
        dead = batch - trainer.lastLiveSamples();
      }
      StbpTrainer noSkip = new StbpTrainer(net, surrogate(), new MseRateLoss(), new Adam(0.02f), pool,
          Tuning.system().withSkipDeadSamples(false));
      noSkip.computeGradients(x, labels);
      List<float[]> full = gradients(net);
      int[] otherLabels = new int[batch];
      trainer.computeGradients(vectors(otherLabels, 40, 4, batch, 6), otherLabels);
      trainer.computeGradients(x, labels);
      int live = trainer.lastLiveSamples();
      assertTrue(live > 0 && live <= batch - batch / 4, "live samples: " + live + " of " + batch);
      List<float[]> skipped = gradients(net);
      for (int i = 0; i < full.size(); i++) {
        assertArrayEquals(full.get(i), skipped.get(i), net.parameters().get(i).name());
      }
    }
  }
}
