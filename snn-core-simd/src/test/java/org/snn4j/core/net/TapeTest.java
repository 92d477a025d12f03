package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.optim.Sgd;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/** The tape keeps spikes as bits: its size, and the spikes it hands back. */
class TapeTest {
  @Test
  void tapeOfTheReadmeModelIsBitsPlusMembranes() {
    SequentialNet net = SequentialNet.mlp(new int[] {784, 800, 10}, LifNeuron.PAPER, 1, Kernels.get());
    SpikeTensor x = new SpikeTensor(10, 4, 784);
    Random r = new Random(2);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = (byte) (r.nextDouble() < 0.3 ? 1 : 0);
    }
    try (WorkerPool pool = new WorkerPool(2)) {
      StbpTrainer trainer = new StbpTrainer(net, PluginRegistry.load(SurrogateFactory.class).get("rectangular")
          .create(PluginSpec.parse("rectangular:a=1")), new MseRateLoss(), new Sgd(0.1f, 0f), pool);
      trainer.computeGradients(x, new int[] {0, 1, 2, 3});
      // per step: layer 1 keeps 13 words of input bits, 13 of output bits and 800 membranes; layer 2 13 + 1 words
      // and 10 membranes
      long perStep = (13 + 13) * 8 + 800 * 4 + (13 + 1) * 8 + 10 * 4;
      assertEquals(10 * perStep, trainer.tapeBytesPerSample());

      // the bits handed back as a SpikeTensor are the layer's spikes: layer 1's are its forward() output
      SpikeTensor hidden = trainer.lastSpikes(0);
      SpikeTensor again = net.layers().get(0).forward(x);
      assertArrayEquals(again.data(), hidden.data());
      long count = 0;
      for (byte b : hidden.data()) {
        count += b;
      }
      assertEquals(count, trainer.lastSpikeCounts()[0]);
    }
  }
}
