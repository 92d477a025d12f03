package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Parameter;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.Tuning;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.optim.Adam;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/**
 * Samples whose loss gradient is zero (their output already fires exactly as the target says) have zero gradients in
 * every layer; the backward pass zero-fills their rows instead of computing them. The gradients must be those of the
 * full computation, bit for bit.
 */
class DeadSampleTest {
  private static final int[] SIZES = {40, 37, 4};
  private static final int STEPS = 6;
  private static final int BATCH = 48;

  /** Class {@code c} fires the inputs of its band at 90%, the others at 5%. */
  private static SpikeTensor batch(int[] labels, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    SpikeTensor x = new SpikeTensor(STEPS, BATCH, SIZES[0]);
    int band = SIZES[0] / SIZES[2];
    for (int b = 0; b < BATCH; b++) {
      labels[b] = rng.nextInt(SIZES[2]);
      for (int t = 0; t < STEPS; t++) {
        for (int i = 0; i < SIZES[0]; i++) {
          float p = i / band == labels[b] ? 0.9f : 0.05f;
          x.data()[(t * BATCH + b) * SIZES[0] + i] = (byte) (rng.nextFloat() < p ? 1 : 0);
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

  @ParameterizedTest
  @CsvSource({"lif, rectangular:a=1, 1", "lif, rectangular:a=1, 2", "lif, sigmoid, 2", "plif, rectangular:a=1, 2"})
  void zeroFilledRowsGiveTheFullGradientBitForBit(String neuron, String surrogate, int threads) {
    int[] labels = new int[BATCH];
    SpikeTensor x = batch(labels, 5);
    try (WorkerPool pool = new WorkerPool(threads)) {
      // plif runs through the generic neuron path, which reads every row of dL/do the layer above hands down
      NeuronModel model = neuron.equals("lif") ? LifNeuron.PAPER
          : PluginRegistry.load(NeuronFactory.class).get(neuron).create(PluginSpec.parse(neuron));
      SequentialNet net = SequentialNet.mlp(SIZES, model, 7, Kernels.get());
      StbpTrainer trainer = new StbpTrainer(net,
          PluginRegistry.load(SurrogateFactory.class).get(PluginSpec.parse(surrogate).name())
              .create(PluginSpec.parse(surrogate)),
          new MseRateLoss(), new Adam(0.02f), pool);
      // learn the batch until part of it is answered exactly (zero loss gradient) and part is not
      int dead = 0;
      for (int step = 0; step < 400 && dead < BATCH / 4; step++) {
        trainer.trainBatch(x, labels);
        dead = BATCH - trainer.lastLiveSamples();
      }
      StbpTrainer noSkip = new StbpTrainer(net,
          PluginRegistry.load(SurrogateFactory.class).get(PluginSpec.parse(surrogate).name())
              .create(PluginSpec.parse(surrogate)),
          new MseRateLoss(), new Adam(0.02f), pool, Tuning.system().withSkipDeadSamples(false));
      noSkip.computeGradients(x, labels);
      List<float[]> full = gradients(net);
      // a batch the network has not learned first, so that the rows a dead sample leaves alone hold other values
      int[] otherLabels = new int[BATCH];
      trainer.computeGradients(batch(otherLabels, 6), otherLabels);
      trainer.computeGradients(x, labels);
      int live = trainer.lastLiveSamples();
      assertTrue(live > 0 && live <= BATCH - BATCH / 4, "live samples: " + live + " of " + BATCH);
      List<float[]> skipped = gradients(net);
      for (int i = 0; i < full.size(); i++) {
        assertArrayEquals(full.get(i), skipped.get(i), "parameter " + i);
      }
      assertTrue(full.get(0).length > 0 && nonZero(full.get(0)), "the first layer has a gradient");
    }
  }

  private static boolean nonZero(float[] a) {
    for (float v : a) {
      if (v != 0f) {
        return true;
      }
    }
    return false;
  }
}
