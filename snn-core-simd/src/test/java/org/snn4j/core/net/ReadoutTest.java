package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Loss;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.loss.CrossEntropyRateLoss;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.loss.TetLoss;
import org.snn4j.core.optim.Sgd;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.surrogates.RectangularSurrogate;

/**
 * The membrane readout and TET: the last layer's gradients against finite differences (its weights move the
 * scores smoothly: the spikes below do not depend on them), the TET loss against one computed by hand from the
 * spikes, and the same bits at 1 and 2 threads.
 */
class ReadoutTest {
  private static final int[] SIZES = {24, 32, 5};
  private static final int STEPS = 6;
  private static final int BATCH = 8;
  private static final SurrogateGradient SURROGATE = new RectangularSurrogate().create(PluginSpec.parse("rectangular"));

  private static FloatTensor input(int[] labels) {
    SplitMix64 rng = new SplitMix64(21);
    FloatTensor x = new FloatTensor(STEPS, BATCH, SIZES[0]);
    for (int b = 0; b < BATCH; b++) {
      labels[b] = rng.nextInt(SIZES[2]);
    }
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = rng.nextFloat();
    }
    return x;
  }

  private static SequentialNet net(Readout readout) {
    SequentialNet net = StreamSessionTest.louder(SequentialNet.mlp(SIZES, LifNeuron.PAPER, 4, Kernels.get()), 3f);
    net.setReadout(readout);
    return net;
  }

  /** dL/dw of the last layer against central differences, for weights and biases. */
  private static void lastLayerMatchesFiniteDifferences(Readout readout, Loss loss) {
    int[] labels = new int[BATCH];
    FloatTensor x = input(labels);
    SequentialNet net = net(readout);
    try (WorkerPool pool = new WorkerPool(1)) {
      StbpTrainer trainer = new StbpTrainer(net, SURROGATE, loss, new Sgd(0.1f, 0f), pool);
      trainer.computeGradients(x, labels);
      SpikingLayer last = net.spikingLayers().get(1);
      float[][] values = {last.weight(), last.bias()};
      float[][] grads = {last.weightGradient().clone(), last.biasGradient().clone()};
      double largest = 0;
      for (int a = 0; a < 2; a++) {
        float[] v = values[a];
        for (int i = 0; i < v.length; i += 7) {
          float keep = v[i];
          float h = 1e-2f;
          v[i] = keep + h;
          double up = trainer.computeGradients(x, labels);
          v[i] = keep - h;
          double down = trainer.computeGradients(x, labels);
          v[i] = keep;
          double numeric = (up - down) / (2 * h);
          largest = Math.max(largest, Math.abs(numeric));
          assertEquals(numeric, grads[a][i], 2e-3 + 1e-2 * Math.abs(numeric),
              readout + " " + loss.name() + ": " + (a == 0 ? "weight " : "bias ") + i);
        }
      }
      assertTrue(largest > 1e-3, "the test needs gradients that are not all zero, largest " + largest);
    }
  }

  @Test
  void membraneCrossEntropyMatchesFiniteDifferences() {
    lastLayerMatchesFiniteDifferences(Readout.membrane(0.5f), new CrossEntropyRateLoss());
    lastLayerMatchesFiniteDifferences(Readout.membrane(0f), Losses.byName("mse"));
  }

  @Test
  void membraneTetMatchesFiniteDifferences() {
    lastLayerMatchesFiniteDifferences(Readout.membrane(0.8f), Losses.byName("tet-ce"));
  }

  @Test
  void tetOnSpikesIsTheMeanOfTheStepsCrossEntropy() {
    int[] labels = new int[BATCH];
    FloatTensor x = input(labels);
    SequentialNet net = net(Readout.RATE);
    try (WorkerPool pool = new WorkerPool(1)) {
      StbpTrainer trainer = new StbpTrainer(net, SURROGATE, new TetLoss(new CrossEntropyRateLoss()),
          new Sgd(0.1f, 0f), pool);
      float value = trainer.computeGradients(x, labels);
      SpikeTensor out = trainer.lastSpikes(1);
      int k = SIZES[2];
      double sum = 0;
      int spikes = 0;
      for (int t = 0; t < STEPS; t++) {
        for (int b = 0; b < BATCH; b++) {
          double z = 0;
          for (int c = 0; c < k; c++) {
            z += Math.exp(out.data()[(t * BATCH + b) * k + c]);
            spikes += out.data()[(t * BATCH + b) * k + c];
          }
          sum += Math.log(z) - out.data()[(t * BATCH + b) * k + labels[b]];
        }
      }
      assertTrue(spikes > 0, "the output layer must fire for this test");
      assertEquals(sum / (STEPS * BATCH), value, 1e-5);
    }
  }

  @Test
  void membraneScoresAreTheMeanIntegratedCurrent() {
    int[] labels = new int[BATCH];
    FloatTensor x = input(labels);
    SequentialNet membrane = net(Readout.membrane(0.5f));
    try (WorkerPool pool = new WorkerPool(1)) {
      StbpTrainer trainer = new StbpTrainer(membrane, SURROGATE, new CrossEntropyRateLoss(), new Sgd(0.1f, 0f), pool);
      float[] scores = new float[BATCH * SIZES[2]];
      trainer.infer(x, scores);
      // the hidden spikes, then the last layer's currents by hand: I = W·s + b, W in-major [in][out]
      SpikeTensor hidden = trainer.lastSpikes(0);
      SpikingLayer last = membrane.spikingLayers().get(1);
      int k = SIZES[2];
      int h = SIZES[1];
      for (int b = 0; b < BATCH; b++) {
        for (int c = 0; c < k; c++) {
          double u = 0;
          double s = 0;
          for (int t = 0; t < STEPS; t++) {
            double current = last.bias()[c];
            for (int j = 0; j < h; j++) {
              current += hidden.data()[(t * BATCH + b) * h + j] * last.weight()[j * k + c];
            }
            u = 0.5 * u + current;
            s += u;
          }
          assertEquals(s / STEPS, scores[b * k + c], 1e-4, "sample " + b + " class " + c);
        }
      }
      FrozenNet frozen = FrozenNet.of(membrane);
      float[] again = new float[scores.length];
      frozen.newSession(pool).infer(x, again);
      assertArrayEquals(scores, again, "a frozen copy keeps the readout");
    }
  }

  @Test
  void sameBitsAtOneAndTwoThreads() {
    float[][] results = new float[2][];
    for (int threads = 1; threads <= 2; threads++) {
      int[] labels = new int[BATCH];
      FloatTensor x = input(labels);
      SequentialNet net = net(Readout.membrane(0.5f));
      try (WorkerPool pool = new WorkerPool(threads)) {
        StbpTrainer trainer = new StbpTrainer(net, SURROGATE, Losses.byName("tet-ce"), new Sgd(0.1f, 0.9f), pool);
        for (int i = 0; i < 3; i++) {
          trainer.trainBatch(x, labels);
        }
      }
      results[threads - 1] = net.spikingLayers().get(0).weight().clone();
    }
    assertArrayEquals(results[0], results[1]);
  }

  @Test
  void parsesAndRejectsReadouts() {
    assertEquals(Readout.RATE, Readout.parse("Rate"));
    assertEquals(Readout.membrane(0.5f), Readout.parse("membrane"));
    assertEquals("membrane:decay=0.9", Readout.parse("membrane:decay=0.9").toString());
    assertEquals(Readout.parse("membrane:decay=0.9"), Readout.parse(Readout.parse("membrane:decay=0.9").toString()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Readout.parse("membrane:decay=1"));
    assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Readout.parse("votes"));
    assertTrue(e.getMessage().contains("known: rate, membrane"), e.getMessage());
  }

  @Test
  void voteOfOneTrainsTheBitsOfTheRateReadout() {
    float[][] w = new float[2][];
    for (int k = 0; k < 2; k++) {
      int[] labels = new int[BATCH];
      FloatTensor x = input(labels);
      SequentialNet net = net(k == 0 ? Readout.RATE : Readout.vote(1));
      try (WorkerPool pool = new WorkerPool(2)) {
        StbpTrainer trainer = new StbpTrainer(net, SURROGATE, new CrossEntropyRateLoss(), new Sgd(0.1f, 0.9f), pool);
        for (int i = 0; i < 3; i++) {
          trainer.trainBatch(x, labels);
        }
      }
      w[k] = net.spikingLayers().get(0).weight().clone();
    }
    assertArrayEquals(w[0], w[1]);
  }

  @Test
  void voteScoresAreGroupMeanRatesAndDuplicatedNeuronsGiveTheRateGradient() {
    int[] labels = new int[BATCH];
    FloatTensor x = input(labels);
    int k = SIZES[2];
    int[] doubled = {SIZES[0], SIZES[1], 2 * k};
    SequentialNet single = net(Readout.RATE);
    SequentialNet voting = StreamSessionTest.louder(SequentialNet.mlp(doubled, LifNeuron.PAPER, 4, Kernels.get()), 3f);
    // the same first layer; the last layer's neurons 2c and 2c+1 both copy the single net's neuron c
    System.arraycopy(single.spikingLayers().get(0).weight(), 0, voting.spikingLayers().get(0).weight(), 0,
        single.spikingLayers().get(0).weight().length);
    System.arraycopy(single.spikingLayers().get(0).bias(), 0, voting.spikingLayers().get(0).bias(), 0, SIZES[1]);
    SpikingLayer one = single.spikingLayers().get(1);
    SpikingLayer two = voting.spikingLayers().get(1);
    for (int h = 0; h < SIZES[1]; h++) {
      for (int c = 0; c < k; c++) {
        two.weight()[h * 2 * k + 2 * c] = one.weight()[h * k + c];
        two.weight()[h * 2 * k + 2 * c + 1] = one.weight()[h * k + c];
      }
    }
    for (int c = 0; c < k; c++) {
      two.bias()[2 * c] = one.bias()[c];
      two.bias()[2 * c + 1] = one.bias()[c];
    }
    voting.setReadout(Readout.vote(2));
    assertEquals(k, voting.classCount());
    try (WorkerPool pool = new WorkerPool(1)) {
      StbpTrainer a = new StbpTrainer(single, SURROGATE, new CrossEntropyRateLoss(), new Sgd(0.1f, 0f), pool);
      StbpTrainer b = new StbpTrainer(voting, SURROGATE, new CrossEntropyRateLoss(), new Sgd(0.1f, 0f), pool);
      float la = a.computeGradients(x, labels);
      float lb = b.computeGradients(x, labels);
      assertEquals(la, lb, 1e-6);
      assertArrayEquals(a.lastRates(), b.lastRates(), "duplicated voters score as the single neuron");
      float[] ga = single.spikingLayers().get(0).weightGradient();
      float[] gb = voting.spikingLayers().get(0).weightGradient();
      double largest = 0;
      for (int i = 0; i < ga.length; i++) {
        assertEquals(ga[i], gb[i], 1e-6 + 1e-5 * Math.abs(ga[i]), "first-layer weight " + i);
        largest = Math.max(largest, Math.abs(ga[i]));
      }
      assertTrue(largest > 0, "the first layer has a gradient");
      // and every score is the mean rate of its group, counted from the spikes
      SpikeTensor out = b.lastSpikes(1);
      float[] scores = b.lastRates();
      for (int s = 0; s < BATCH; s++) {
        for (int c = 0; c < k; c++) {
          int count = 0;
          for (int t = 0; t < STEPS; t++) {
            count += out.data()[(t * BATCH + s) * 2 * k + 2 * c] + out.data()[(t * BATCH + s) * 2 * k + 2 * c + 1];
          }
          assertEquals(count / (2.0 * STEPS), scores[s * k + c], 1e-6);
        }
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> single.setReadout(Readout.vote(2)));
    assertTrue(e.getMessage().contains("multiple of 2"), e.getMessage());
    assertEquals("vote:3", Readout.parse("vote:3").toString());
  }
}
