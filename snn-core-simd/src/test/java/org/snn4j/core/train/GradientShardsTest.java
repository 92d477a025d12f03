package org.snn4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Parameter;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/**
 * A batch's gradient cut into shards: one shard is the unsharded step bit for bit; S shards give the same model
 * wherever and on how many threads each shard is computed (here: on separate copies of the network, as Spark's
 * executors do); and S shards stay within float rounding of the unsharded gradient.
 */
class GradientShardsTest {
  private static final int BATCH = 20;
  private static final int SAMPLES = 90; // 5 batches, the last of 10

  private static SurrogateGradient surrogate() {
    return PluginRegistry.load(SurrogateFactory.class).get("rectangular").create(PluginSpec.parse("rectangular:a=1"));
  }

  private static SequentialNet mlp() {
    return SequentialNet.mlp(new int[] {64, 24, 4}, LifNeuron.PAPER, 5, Kernels.get());
  }

  /**
   * Trains two epochs; {@code shards} 0 means no call to setGradientShards; {@code remoteThreads} > 0 computes the
   * shards on copies of the network ({@link #remote}) with that many threads each.
   */
  private static SequentialNet train(int shards, int threads, int remoteThreads) {
    SequentialNet net = mlp();
    TrainingLoop.ShardRunner runner = remoteThreads > 0 ? remote(new SequentialNet[] {net}, remoteThreads) : null;
    try (WorkerPool pool = new WorkerPool(threads)) {
      StbpTrainer trainer = new StbpTrainer(net, surrogate(), Losses.byName("mse"), Optimizers.byName("adam", 5e-3f),
          pool);
      TrainingLoop loop = new TrainingLoop(trainer, new BernoulliTestEncoder(), Losses.byName("mse"), 6, BATCH, 9,
          pool);
      if (shards > 0) {
        loop.setGradientShards(shards, runner);
      }
      PatternDataset data = new PatternDataset(SAMPLES, 64, 4, 3);
      for (int e = 1; e <= 2; e++) {
        loop.trainEpoch(data, e, ProgressListener.NONE);
      }
    }
    return net;
  }

  private static void assertSameParameters(SequentialNet a, SequentialNet b) {
    List<Parameter> pa = a.parameters();
    List<Parameter> pb = b.parameters();
    assertEquals(pa.size(), pb.size());
    for (int q = 0; q < pa.size(); q++) {
      assertArrayEquals(pa.get(q).value(), pb.get(q).value(), 0f, pa.get(q).name());
    }
  }

  @Test
  void oneShardIsTheUnshardedStep() {
    SequentialNet plain = train(0, 1, 0);
    assertSameParameters(plain, train(1, 1, 1));
    assertSameParameters(plain, train(1, 2, 2));
  }

  /** Each shard computed by its own worker on a copy of the network that holds the driver's parameters. */
  private static TrainingLoop.ShardRunner remote(SequentialNet[] driver, int threads) {
    PatternDataset data = new PatternDataset(SAMPLES, 64, 4, 3);
    return (epoch, order, from, batch, shards) -> {
      List<GradientShards.Shard> parts = new ArrayList<>();
      for (int s = shards - 1; s >= 0; s--) { // out of order: combine sorts them
        int lo = GradientShards.start(from, batch, shards, s);
        int hi = GradientShards.start(from, batch, shards, s + 1);
        if (hi == lo) {
          continue;
        }
        SequentialNet copy = mlp();
        for (int q = 0; q < copy.parameters().size(); q++) {
          float[] v = driver[0].parameters().get(q).value();
          System.arraycopy(v, 0, copy.parameters().get(q).value(), 0, v.length);
        }
        try (WorkerPool pool = new WorkerPool(threads)) {
          StbpTrainer t = new StbpTrainer(copy, surrogate(), Losses.byName("mse"), Optimizers.byName("sgd", 1f), pool);
          ShardWorker w = new ShardWorker(t, data, new BernoulliTestEncoder(), 6, 9, null, pool);
          parts.add(w.compute(s, epoch, order.clone(), lo, hi - lo));
        }
      }
      return parts;
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void shardsGiveTheSameModelWhereverTheyRun(int threads) {
    SequentialNet local = train(3, 1, 0);
    assertSameParameters(local, train(3, threads, threads));
    assertSameParameters(local, train(3, 2, 0));
    SequentialNet unsharded = train(0, 1, 0);
    float most = 0;
    for (int q = 0; q < local.parameters().size(); q++) {
      float[] a = local.parameters().get(q).value();
      float[] b = unsharded.parameters().get(q).value();
      for (int i = 0; i < a.length; i++) {
        most = Math.max(most, Math.abs(a[i] - b[i]));
      }
    }
    assertTrue(most < 1e-2f, "3 shards drift from the unsharded model by " + most);
  }

  @Test
  void shardedGradientIsTheBatchGradientToRounding() {
    PatternDataset data = new PatternDataset(SAMPLES, 64, 4, 3);
    int[] order = TrainingLoop.shuffle(SAMPLES, 9, 1);
    SequentialNet net = mlp();
    try (WorkerPool pool = new WorkerPool(1)) {
      StbpTrainer t = new StbpTrainer(net, surrogate(), Losses.byName("mse"), Optimizers.byName("sgd", 1f), pool);
      ShardWorker w = new ShardWorker(t, data, new BernoulliTestEncoder(), 6, 9, null, pool);
      GradientShards.Shard whole = w.compute(0, 1, order, 0, BATCH);
      List<GradientShards.Shard> parts = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        int lo = GradientShards.start(0, BATCH, 3, s);
        parts.add(w.compute(s, 1, order, lo, GradientShards.start(0, BATCH, 3, s + 1) - lo));
      }
      float loss = GradientShards.combine(parts, BATCH, net.parameters());
      assertEquals(whole.loss(), loss, 1e-6f * Math.abs(whole.loss()));
      for (int q = 0; q < whole.gradients().length; q++) {
        float[] g = net.parameters().get(q).gradient();
        float scale = 0;
        for (float x : whole.gradients()[q]) {
          scale = Math.max(scale, Math.abs(x));
        }
        for (int i = 0; i < g.length; i++) {
          assertEquals(whole.gradients()[q][i], g[i], 1e-5f * scale, net.parameters().get(q).name() + "[" + i + "]");
        }
      }
      assertTrue(scaleOf(whole) > 0, "the gradient is not zero");
      assertFalse(parts.isEmpty());
    }
  }

  private static float scaleOf(GradientShards.Shard s) {
    float m = 0;
    for (float[] g : s.gradients()) {
      for (float x : g) {
        m = Math.max(m, Math.abs(x));
      }
    }
    return m;
  }

  @Test
  void shardsThatDoNotAddUpAreRefused() {
    SequentialNet net = mlp();
    float[][] g = new float[net.parameters().size()][];
    for (int q = 0; q < g.length; q++) {
      g[q] = new float[net.parameters().get(q).value().length];
    }
    var shard = new GradientShards.Shard(0, 5, 0f, new long[2], 0, g);
    var e = assertThrows(IllegalArgumentException.class,
        () -> GradientShards.combine(List.of(shard), 6, net.parameters()));
    assertTrue(e.getMessage().contains("5 samples, not the batch's 6"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GradientShards.combine(List.of(shard, shard), 10, net.parameters()));
    assertTrue(e.getMessage().contains("shard 0 was given twice"), e.getMessage());
  }

  @Test
  void dropoutAndTdbnAreRefusedWithMoreThanOneShard() {
    SequentialNet drop = NetSpec.parse("flatten,dense16,lif,dropout0.2,dense4,lif")
        .build(Shape.image(1, 8, 8), s -> LifNeuron.PAPER, 5, Kernels.get());
    var e = assertThrows(IllegalArgumentException.class, () -> GradientShards.checkShardable(drop, 2));
    assertTrue(e.getMessage().contains("(dropout)"), e.getMessage());
    GradientShards.checkShardable(drop, 1);
    SequentialNet bn = NetSpec.parse("conv4k3p1,tdbn,lif,flatten,dense4,lif")
        .build(Shape.image(1, 8, 8), s -> LifNeuron.PAPER, 5, Kernels.get());
    e = assertThrows(IllegalArgumentException.class, () -> GradientShards.checkShardable(bn, 2));
    assertTrue(e.getMessage().contains("normalizes over the batch"), e.getMessage());
  }
}
