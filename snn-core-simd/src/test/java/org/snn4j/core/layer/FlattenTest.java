package org.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.Tuning;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Sgd;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/** Flatten: the same data under a new shape, forward and backward, alone and inside a trained network. */
class FlattenTest {
  @Test
  void changesTheShapeNotTheDataOfOneChannel() {
    Flatten f = new Flatten(Shape.image(1, 4, 6));
    assertEquals(Shape.image(1, 4, 6), f.inputShape());
    assertEquals(Shape.vector(24), f.outputShape());
    assertEquals("[24]", f.outputShape().toString());
    assertTrue(f.parameters().isEmpty());
    Tape tape = f.newTape(Tuning.system());
    tape.ensure(3, 2);
    long[] bits = {1L, 2L, 3L, 4L, 5L, 6L};
    f.forward(new Activation().setBits(bits), tape, null);
    assertSame(bits, tape.output().bits());
    float[] analog = new float[6 * 24];
    f.forward(new Activation().setAnalog(analog), tape, null);
    assertSame(analog, tape.output().analog());
    float[] grad = new float[6 * 24];
    for (int i = 0; i < grad.length; i++) {
      grad[i] = i * 0.5f;
    }
    float[] gradIn = new float[grad.length];
    f.backward(grad, tape, null, gradIn, null);
    assertArrayEquals(grad, gradIn);
  }

  @Test
  void ordersAnImageOfSeveralChannelsChannelMajor() {
    // [2,3,4] stored pixel-major inside the network: value (y·4 + x)·2 + c; flatten's order is (c·3 + y)·4 + x
    Flatten f = new Flatten(Shape.image(2, 3, 4));
    Tape tape = f.newTape(Tuning.system());
    tape.ensure(1, 2);
    float[] pixelMajor = new float[2 * 24];
    for (int r = 0; r < 2; r++) {
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
          for (int c = 0; c < 2; c++) {
            pixelMajor[r * 24 + (y * 4 + x) * 2 + c] = 1000 * r + 100 * c + 10 * y + x;
          }
        }
      }
    }
    long[] bits = {1L << ((1 * 4 + 2) * 2 + 1), 1L}; // row 0: channel 1 at (1, 2); row 1: channel 0 at (0, 0)
    try (WorkerPool pool = new WorkerPool(2)) {
      f.forward(new Activation().setAnalog(pixelMajor), tape, pool);
      float[] out = tape.output().analog();
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 2; c++) {
          for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
              assertEquals(1000 * r + 100 * c + 10 * y + x, out[r * 24 + (c * 3 + y) * 4 + x]);
            }
          }
        }
      }
      float[] gradIn = new float[48];
      f.backward(out.clone(), tape, null, gradIn, pool);
      assertArrayEquals(pixelMajor, gradIn, "the gradient goes back to pixel-major");
      f.forward(new Activation().setBits(bits), tape, pool);
      assertArrayEquals(new long[] {1L << ((1 * 3 + 1) * 4 + 2), 1L}, tape.output().bits());
    }
  }

  @Test
  void aNetworkWithFlattenTrainsLikeTheSameMlp() {
    Kernels k = Kernels.get();
    int[] sizes = {12, 16, 4};
    SequentialNet mlp = SequentialNet.mlp(sizes, LifNeuron.PAPER, 5, k);
    SpikingLayer l0 = mlp.spikingLayers().get(0);
    SpikingLayer l1 = mlp.spikingLayers().get(1);
    // the same layers behind a flatten of a [3,2,2] input: the network's input is reordered pixel-major for the image
    // and flatten orders it back, so the first dense layer sees its 12 inputs in the same order
    SequentialNet withFlatten = new SequentialNet(List.of(new Flatten(Shape.image(3, 2, 2)), l0.copy(), l1.copy()));
    assertThrows(IllegalArgumentException.class, () -> new SequentialNet(List.of(new Flatten(Shape.image(3, 2, 3)), l0)));
    SpikeTensor x = new SpikeTensor(6, 3, 12);
    Random r = new Random(1);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = (byte) (r.nextDouble() < 0.4 ? 1 : 0);
    }
    int[] labels = {0, 1, 3};
    try (WorkerPool pool = new WorkerPool(2)) {
      var surrogate = PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular"));
      StbpTrainer a = new StbpTrainer(mlp, surrogate, new MseRateLoss(), new Sgd(0.5f, 0f), pool);
      StbpTrainer b = new StbpTrainer(withFlatten, surrogate, new MseRateLoss(), new Sgd(0.5f, 0f), pool);
      for (int step = 0; step < 5; step++) {
        assertEquals(a.trainBatch(x, labels), b.trainBatch(x, labels), "step " + step);
      }
      assertArrayEquals(a.lastRates(), b.lastRates());
      assertArrayEquals(l0.weight(), withFlatten.spikingLayers().get(0).weight());
      assertArrayEquals(l1.weight(), withFlatten.spikingLayers().get(1).weight());
      assertTrue(((DenseSynapse) l0.synapse()).productPath() != null);
      assertEquals(a.lastSpikeCounts()[0], b.lastSpikeCounts()[1]);
    }
  }
}
