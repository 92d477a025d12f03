package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NeuNorm;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.optim.Adam;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/**
 * Small conv networks with dropout and NeuNorm train, whatever the thread count the same, and round-trip through a
 * model file.
 */
class RegularizedTrainingTest {
  static final Shape INPUT = Shape.image(2, 6, 6);
  static final int T = 4;
  static final int B = 6;
  @TempDir Path dir;

  /** Three classes, each a fixed pattern of pixels that fire often; two noisy samples of each. */
  static SpikeTensor patterns(long seed) {
    Random r = new Random(1);
    boolean[][] on = new boolean[3][INPUT.size()];
    for (boolean[] c : on) {
      for (int i = 0; i < c.length; i++) {
        c[i] = r.nextDouble() < 0.3;
      }
    }
    Random noise = new Random(seed);
    SpikeTensor x = new SpikeTensor(T, B, INPUT.size());
    for (int t = 0; t < T; t++) {
      for (int b = 0; b < B; b++) {
        for (int i = 0; i < INPUT.size(); i++) {
          double rate = on[b % 3][i] ? 0.8 : 0.05;
          x.data()[(t * B + b) * INPUT.size() + i] = (byte) (noise.nextDouble() < rate ? 1 : 0);
        }
      }
    }
    return x;
  }

  static final int[] LABELS = {0, 1, 2, 0, 1, 2};

  static SurrogateGradient surrogate() {
    return PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular"));
  }

  /** The losses of {@code steps} training steps on one batch. */
  static float[] train(SequentialNet net, int threads, int steps) {
    SpikeTensor x = patterns(3);
    float[] losses = new float[steps];
    try (WorkerPool pool = new WorkerPool(threads)) {
      StbpTrainer trainer = new StbpTrainer(net, surrogate(), new MseRateLoss(), new Adam(0.02f), pool);
      for (int s = 0; s < steps; s++) {
        losses[s] = trainer.trainBatch(x, LABELS);
      }
    }
    return losses;
  }

  static SequentialNet build(String spec) {
    return NetSpec.parse(spec).build(INPUT, s -> LifNeuron.PAPER, 5, Kernels.get());
  }

  static void assertLearns(float[] losses) {
    float first = (losses[0] + losses[1] + losses[2]) / 3;
    int n = losses.length;
    float last = (losses[n - 1] + losses[n - 2] + losses[n - 3]) / 3;
    assertTrue(last < 0.7f * first, "loss from " + first + " to " + last + ": " + java.util.Arrays.toString(losses));
  }

  @Test
  void aConvNetWithDropoutTrainsTheSameOnOneAndThreeThreads() {
    String spec = "conv6k3p1,lif,dropout0.2,avgpool2,flatten,dropout0.1,dense3,lif";
    float[] one = train(build(spec), 1, 40);
    assertLearns(one);
    assertArrayEquals(one, train(build(spec), 3, 40), "masks and gradients do not depend on the thread count");
  }

  @Test
  void aNetWithDropoutRoundTripsThroughAModelFile() throws Exception {
    SequentialNet net = build("conv4k3p1,lif,dropout0.25,avgpool2,flatten,dense3,lif");
    Path file = dir.resolve("drop.snn");
    ModelFile.write(file, net, Map.of(), false);
    ModelFile.Loaded loaded = ModelFile.read(file, Kernels.get());
    assertEquals("conv4k3p1,lif(decay=0.2;detach_reset=false;vth=0.5),dropout0.25,avgpool2,flatten,dense3,"
        + "lif(decay=0.2;detach_reset=false;vth=0.5)", loaded.header().get("net"));
    assertArrayEquals(ModelFile.encode(net, Map.of()), ModelFile.encode(loaded.network(), Map.of()));
    // inference ignores dropout: the loaded net infers as the original does
    SpikeTensor x = patterns(4);
    float[] want = new float[B * 3];
    float[] got = new float[B * 3];
    try (WorkerPool pool = new WorkerPool(2)) {
      FrozenNet.of(net).newSession(pool).infer(x, want);
      FrozenNet.of(loaded.network()).newSession(pool).infer(x, got);
    }
    assertArrayEquals(want, got);
  }

  @Test
  void aConvNetWithDropoutAndNeuNormLearnsTheSameOnOneAndThreeThreads() {
    String spec = "conv6k3p1,lif,neunorm,dropout0.2,avgpool2,flatten,dense3,lif";
    SequentialNet net = build(spec);
    float[] initial = ((NeuNorm) net.layers().get(1)).weight().clone();
    float[] one = train(net, 1, 40);
    assertLearns(one);
    float[] trained = ((NeuNorm) net.layers().get(1)).weight();
    double moved = 0;
    for (int i = 0; i < trained.length; i++) {
      moved = Math.max(moved, Math.abs(trained[i] - initial[i]));
    }
    assertTrue(moved > 1e-3, "neunorm's w is trained: moved at most " + moved);
    SequentialNet again = build(spec);
    assertArrayEquals(one, train(again, 3, 40), "the same losses at 3 threads");
    assertArrayEquals(trained, ((NeuNorm) again.layers().get(1)).weight(), "the same w at 3 threads");
  }
}
