package org.snn4j.spark;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.api.Parameter;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.ShardWorker;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.plugins.PluginRegistry;

/**
 * The executor's side of training: a pool of {@link ShardWorker}s per training run (one per task thread that has
 * needed one), each with its own copy of the network, and the epoch's shuffled order. Built from the run's
 * broadcasts, so an executor that joins late, or a task retried elsewhere, builds the same workers.
 */
final class ShardTrainers {
  /** A worker with its network and the order of the epoch it last worked in. */
  static final class Held {
    final ShardWorker worker;
    final SequentialNet net;
    final WorkerPool pool;
    int epoch = -1;
    int[] order;

    Held(ShardWorker worker, SequentialNet net, WorkerPool pool) {
      this.worker = worker;
      this.net = net;
      this.pool = pool;
    }

    int[] order(int e, int size, long seed) {
      if (epoch != e) {
        order = TrainingLoop.shuffle(size, seed, e);
        epoch = e;
      }
      return order;
    }

    /** Sets the network's parameters to {@code values} (one array per parameter, in the network's order). */
    void load(float[][] values) {
      List<Parameter> ps = net.parameters();
      for (int q = 0; q < ps.size(); q++) {
        System.arraycopy(values[q], 0, ps.get(q).value(), 0, values[q].length);
      }
    }
  }

  private ShardTrainers() {}

  /** Runs {@code body} with a worker of this run, borrowed for the task and given back after. */
  static <T> T with(Broadcast<TrainSpec> spec, Broadcast<RowDataset> data, java.util.function.Function<Held, T> body) {
    ConcurrentLinkedQueue<Held> idle = ExecutorCache.get(List.of("trainers", spec.id()), ConcurrentLinkedQueue::new);
    Held h = idle.poll();
    if (h == null) {
      h = create(spec.value(), data.value());
    }
    try {
      return body.apply(h);
    } finally {
      idle.add(h);
    }
  }

  private static Held create(TrainSpec s, RowDataset data) {
    SequentialNet net = ExecutorCache.network(s.initialModel()).network();
    int threads = TaskContext.get() == null ? 1 : Math.max(1, TaskContext.get().cpus());
    WorkerPool pool = new WorkerPool(threads);
    try (PluginCatalog catalog = PluginCatalog.load(ShardTrainers.class.getClassLoader())) {
      SurrogateGradient surrogate = PluginRegistry.create(catalog.registry(PluginKind.SURROGATE),
          PluginSpec.parse(s.surrogate()));
      SpikeEncoder encoder = PluginRegistry.create(catalog.registry(PluginKind.ENCODER), PluginSpec.parse(s.encoder()));
      StbpTrainer trainer = new StbpTrainer(net, surrogate, Losses.byName(s.loss()),
          Optimizers.byName(s.optimizer(), s.learningRate(), s.weightDecay()), pool);
      if (s.clipGrad() > 0) {
        trainer.setGradientClip(s.clipGrad());
      }
      return new Held(new ShardWorker(trainer, data, encoder, s.timesteps(), s.seed(), null, pool), net, pool);
    }
  }
}
