package org.snn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.api.Parameter;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.optim.CheckpointableOptimizer;
import org.snn4j.core.train.EpochResult;
import org.snn4j.core.train.GradientShards;

/**
 * Parameter averaging (DL4J's scheme, with the optimizer state averaged too): {@code R} replicas start a round from
 * the same parameters and optimizer state; for {@code K} global batches replica {@code j} steps its own optimizer
 * on shard {@code j} of {@code R} of each batch; then the replicas' parameters and state are averaged in replica
 * order (in double, rounded once). One Spark job per round. The result depends on {@code R} and {@code K}, never on
 * where the replicas run; a retried replica repeats its round from the round's broadcast.
 */
final class ParameterAveraging {
  /** The state a round starts from. */
  record Start(float[][] values, long steps, float[][][] states) implements Serializable {}

  /** A replica's state after its round, and what it saw. */
  record Replica(int index, float[][] values, float[][][] states, double lossSum, int steps, int samples,
      int correct) implements Serializable {}

  private final JavaSparkContext jsc;
  private final Broadcast<TrainSpec> spec;
  private final Broadcast<RowDataset> data;
  private final SequentialNet net;
  private final CheckpointableOptimizer optimizer;
  private final int replicas;
  private final int every;
  private final int batch;
  /** Nanoseconds the executors spent in their rounds (summed over replicas), and the driver waited for jobs. */
  final org.apache.spark.util.LongAccumulator computeNanos;
  long jobNanos;
  long rounds;

  ParameterAveraging(JavaSparkContext jsc, Broadcast<TrainSpec> spec, Broadcast<RowDataset> data, SequentialNet net,
      CheckpointableOptimizer optimizer, int replicas, int every, int batch) {
    this.jsc = jsc;
    this.spec = spec;
    this.data = data;
    this.net = net;
    this.optimizer = optimizer;
    this.replicas = replicas;
    this.every = every;
    this.batch = batch;
    this.computeNanos = jsc.sc().longAccumulator("snn-spark replica compute ns");
  }

  EpochResult epoch(int epoch) {
    long started = System.nanoTime();
    int size = data.value().size();
    int perEpoch = (size + batch - 1) / batch;
    double lossSum = 0;
    int lossCount = 0;
    int correct = 0;
    for (int b0 = 0; b0 < perEpoch; b0 += every) {
      int first = b0;
      int last = Math.min(perEpoch, b0 + every);
      Broadcast<Start> start = jsc.broadcast(snapshot());
      Broadcast<TrainSpec> sp = spec;
      Broadcast<RowDataset> d = data;
      int r = replicas;
      int bs = batch;
      List<Integer> ids = new ArrayList<>();
      for (int j = 0; j < r; j++) {
        ids.add(j);
      }
      List<Replica> done;
      org.apache.spark.util.LongAccumulator compute = computeNanos;
      long jobStart = System.nanoTime();
      try {
        done = new ArrayList<>(jsc.parallelize(ids, r).map(j -> ShardTrainers.with(sp, d, h -> {
          long began = System.nanoTime();
          Start s = start.value();
          h.load(s.values());
          CheckpointableOptimizer opt = (CheckpointableOptimizer) h.worker.trainer().optimizer();
          List<Parameter> ps = h.net.parameters();
          opt.restore(s.steps(), ps, states(s.states()));
          int[] order = h.order(epoch, size, sp.value().seed());
          double loss = 0;
          int steps = 0;
          int samples = 0;
          int right = 0;
          for (int b = first; b < last; b++) {
            int from = b * bs;
            int n = Math.min(bs, size - from);
            int lo = GradientShards.start(from, n, r, j);
            int hi = GradientShards.start(from, n, r, j + 1);
            if (hi == lo) {
              continue;
            }
            GradientShards.Shard shard = h.worker.compute(j, epoch, order, lo, hi - lo, false);
            h.worker.trainer().applyGradients();
            loss += shard.loss();
            steps++;
            samples += shard.samples();
            right += shard.correct();
          }
          float[][] values = SparkShardRunner.values(h.net);
          float[][][] st = new float[ps.size()][][];
          for (int q = 0; q < st.length; q++) {
            float[][] a = opt.state(ps.get(q));
            st[q] = a == null ? null : copy(a);
          }
          compute.add(System.nanoTime() - began);
          return new Replica(j, values, st, loss, steps, samples, right);
        })).collect());
      } finally {
        jobNanos += System.nanoTime() - jobStart;
        rounds++;
        start.destroy();
      }
      done.sort(Comparator.comparingInt(Replica::index));
      average(done, last - first);
      for (Replica x : done) {
        lossSum += x.lossSum();
        lossCount += x.steps();
        correct += x.correct();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new EpochResult(epoch, size, lossSum / Math.max(1, lossCount), seconds,
        new double[0], correct);
  }

  private Start snapshot() {
    List<Parameter> ps = net.parameters();
    float[][][] st = new float[ps.size()][][];
    for (int q = 0; q < st.length; q++) {
      float[][] a = optimizer.state(ps.get(q));
      st[q] = a == null ? null : copy(a);
    }
    return new Start(SparkShardRunner.values(net), optimizer.steps(), st);
  }

  private void average(List<Replica> done, int rounds) {
    List<Parameter> ps = net.parameters();
    int n = done.size();
    List<float[][]> states = new ArrayList<>();
    for (int q = 0; q < ps.size(); q++) {
      float[] v = ps.get(q).value();
      for (int i = 0; i < v.length; i++) {
        double sum = 0;
        for (Replica x : done) {
          sum += x.values()[q][i];
        }
        v[i] = (float) (sum / n);
      }
      float[][] avg = null;
      if (done.get(0).states()[q] != null) {
        avg = new float[done.get(0).states()[q].length][v.length];
        for (int a = 0; a < avg.length; a++) {
          for (int i = 0; i < v.length; i++) {
            double sum = 0;
            for (Replica x : done) {
              sum += x.states()[q][a][i];
            }
            avg[a][i] = (float) (sum / n);
          }
        }
      }
      states.add(avg);
    }
    optimizer.restore(optimizer.steps() + rounds, ps, states);
  }

  private static List<float[][]> states(float[][][] s) {
    List<float[][]> out = new ArrayList<>(s.length);
    for (float[][] a : s) {
      out.add(a);
    }
    return out;
  }

  private static float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
