package org.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Optimizer;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/** The estimate of what training allocates: close to what it really allocates, and sizes no array can hold. */
class FootprintTest {
  private static final SurrogateGradient RECTANGULAR =
      PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular:a=1"));

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * Builds what the training loop holds at its peak, the evaluation after an epoch: the network, the trainer after a
   * step (tapes, workspaces, optimizer state), and a frozen copy with a session after a batch. Returns the bytes of
   * the arrays they reach, and the growth of the heap, each with one encoded batch per loop (the input here).
   */
  private static long[] measure(
      int[] sizes, int timesteps, int batch, String optimizer, NeuronModel neuron, SurrogateGradient surrogate) {
    Random r = new Random(3);
    SpikeTensor x = new SpikeTensor(timesteps, batch, sizes[0]);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = (byte) (r.nextDouble() < 0.2 ? 1 : 0);
    }
    int[] labels = new int[batch];
    float[] rates = new float[batch * sizes[sizes.length - 1]];
    try (WorkerPool pool = new WorkerPool(2)) {
      long before = usedHeap();
      SequentialNet net = SequentialNet.mlp(sizes, neuron, 1, Kernels.get());
      Optimizer opt = Optimizers.byName(optimizer, 1e-3f);
      StbpTrainer trainer = new StbpTrainer(net, surrogate, Losses.byName("mse"), opt, pool);
      trainer.trainBatch(x, labels);
      FrozenNet.Session session = FrozenNet.of(net).newSession(pool);
      session.infer(x, rates);
      long heap = usedHeap() - before;
      long reached = new ReachableArrays().walk(trainer).walk(session).bytes();
      Reference.reachabilityFence(trainer);
      Reference.reachabilityFence(session);
      long batches = 2L * (16 + x.data().length + 16 + 4L * batch);
      return new long[] {reached + batches, heap + batches};
    }
  }

  /**
   * The estimate is within 10% of the arrays really made; the heap grew by about as much (G1 rounds each array of
   * half a region or more up to whole regions, so a small test's heap is looser than a large run's).
   */
  private static void assertClose(int[] sizes, int timesteps, int batch, String optimizer) {
    assertClose(sizes, timesteps, batch, optimizer, LifNeuron.PAPER, RECTANGULAR);
  }

  private static void assertClose(
      int[] sizes, int timesteps, int batch, String optimizer, NeuronModel neuron, SurrogateGradient surrogate) {
    long[] real = measure(sizes, timesteps, batch, optimizer, neuron, surrogate);
    Footprint f = TrainingLoop.footprint(sizes, neuron, surrogate, Optimizers.byName(optimizer, 1e-3f),
        new BernoulliTestEncoder(), timesteps, batch, batch, batch);
    String figures = "estimate " + f.bytes() + " bytes, arrays reached " + real[0] + ", heap grew " + real[1];
    double arrays = f.bytes() / (double) real[0];
    assertTrue(arrays > 0.9 && arrays < 1.1, figures);
    double heap = f.bytes() / (double) real[1];
    assertTrue(heap > 0.5 && heap < 1.5, figures);
  }

  @Test
  void estimateIsCloseToWhatAWideNetworkAllocates() {
    assertClose(new int[] {784, 1500, 10}, 4, 32, "adam");
    assertClose(new int[] {784, 1500, 10}, 4, 32, "sgd");
  }

  @Test
  void estimateIsCloseToWhatALongBatchAllocates() {
    assertClose(new int[] {784, 100, 10}, 8, 256, "adam");
  }

  /**
   * The other neuron path ({@code plif} through the scalar contract: states, spike bytes, surrogate arguments,
   * learnable parameters) and a surrogate that is not a box (the LIF path's surrogate values).
   */
  @Test
  void estimateIsCloseOnTheScalarNeuronPathAndWithASmoothSurrogate() {
    SurrogateGradient sigmoid =
        PluginRegistry.load(SurrogateFactory.class).get("sigmoid").create(PluginSpec.parse("sigmoid"));
    NeuronModel plif = PluginRegistry.load(NeuronFactory.class).get("plif").create(PluginSpec.parse("plif"));
    assertClose(new int[] {784, 300, 10}, 4, 32, "adam", plif, sigmoid);
    assertClose(new int[] {784, 300, 10}, 4, 32, "adam", LifNeuron.PAPER, sigmoid);
  }

  @Test
  void arraysThatNoIntCanIndexAreNamedNotAllocated() {
    Footprint wide = TrainingLoop.footprint(new int[] {784, 3_000_000, 10}, LifNeuron.PAPER, RECTANGULAR,
        Optimizers.byName("adam", 1e-3f), new BernoulliTestEncoder(), 10, 100, 60_000, 10_000);
    assertEquals("layer 0's weights (inputs × outputs) would hold 2,352,000,000 elements", wide.tooLargeArray());
    assertTrue(!wide.tooLargeScalesWithBatch());

    Footprint longBatch = TrainingLoop.footprint(new int[] {784, 800, 10}, LifNeuron.PAPER, RECTANGULAR,
        Optimizers.byName("adam", 1e-3f), new BernoulliTestEncoder(), 1000, 2_000_000_000, 60_000, 10_000);
    assertTrue(longBatch.tooLargeArray().startsWith("layer 0's "), longBatch.tooLargeArray());
    assertTrue(longBatch.tooLargeScalesWithBatch());

    Footprint fits = TrainingLoop.footprint(new int[] {784, 800, 10}, LifNeuron.PAPER, RECTANGULAR,
        Optimizers.byName("adam", 1e-3f), new BernoulliTestEncoder(), 10, 100, 60_000, 10_000);
    assertNull(fits.tooLargeArray());
    assertEquals(Long.MAX_VALUE, Footprint.times(1L << 40, 1L << 40));
  }
}
