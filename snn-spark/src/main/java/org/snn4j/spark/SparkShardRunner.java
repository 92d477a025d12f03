package org.snn4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.snn4j.api.Parameter;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.train.GradientShards;
import org.snn4j.core.train.TrainingLoop;

/**
 * The shards of each batch computed on the executors: one Spark job per batch, its tasks each computing a few
 * shards at the parameters of a broadcast made for the batch (and destroyed after it). A task that fails, or an
 * executor lost mid-job, is retried by Spark and gives the same shards: they depend on the broadcasts alone.
 */
final class SparkShardRunner implements TrainingLoop.ShardRunner {
  private final JavaSparkContext jsc;
  private final Broadcast<TrainSpec> spec;
  private final Broadcast<RowDataset> data;
  private final SequentialNet driverNet;
  private final int partitions;
  /** Nanoseconds the executors spent computing shards (summed over tasks). */
  final org.apache.spark.util.LongAccumulator computeNanos;
  /** Of which fetching and loading the parameters' broadcast. */
  final org.apache.spark.util.LongAccumulator loadNanos;
  /** Bytes sent to and received from the executors per batch (the parameters out, the shards' gradients back). */
  long bytesOut;
  long bytesBack;
  long batches;
  /** Nanoseconds spent per phase: making the parameters' broadcast, the job (tasks, results), destroying it. */
  long broadcastNanos;
  long jobNanos;
  long destroyNanos;

  SparkShardRunner(JavaSparkContext jsc, Broadcast<TrainSpec> spec, Broadcast<RowDataset> data,
      SequentialNet driverNet, int partitions) {
    this.jsc = jsc;
    this.spec = spec;
    this.data = data;
    this.driverNet = driverNet;
    this.partitions = partitions;
    this.computeNanos = jsc.sc().longAccumulator("snn-spark shard compute ns");
    this.loadNanos = jsc.sc().longAccumulator("snn-spark parameter load ns");
  }

  static float[][] values(SequentialNet net) {
    List<Parameter> ps = net.parameters();
    float[][] v = new float[ps.size()][];
    for (int q = 0; q < v.length; q++) {
      v[q] = ps.get(q).value().clone();
    }
    return v;
  }

  static long floats(float[][] a) {
    long n = 0;
    for (float[] x : a) {
      n += x.length;
    }
    return n;
  }

  @Override
  public List<GradientShards.Shard> run(int epoch, int[] order, int from, int batch, int shards) {
    long t0 = System.nanoTime();
    float[][] values = values(driverNet);
    Broadcast<float[][]> parameters = jsc.broadcast(values);
    long t1 = System.nanoTime();
    broadcastNanos += t1 - t0;
    List<Integer> ids = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      if (GradientShards.start(from, batch, shards, s + 1) > GradientShards.start(from, batch, shards, s)) {
        ids.add(s);
      }
    }
    Broadcast<TrainSpec> sp = spec;
    Broadcast<RowDataset> d = data;
    int size = data.value().size();
    org.apache.spark.util.LongAccumulator compute = computeNanos;
    org.apache.spark.util.LongAccumulator load = loadNanos;
    List<GradientShards.Shard> parts;
    try {
      parts = jsc.parallelize(ids, Math.min(partitions, ids.size())).mapPartitions(it -> {
        List<GradientShards.Shard> out = new ArrayList<>();
        long started = System.nanoTime();
        ShardTrainers.with(sp, d, h -> {
          h.load(parameters.value());
          load.add(System.nanoTime() - started);
          int[] o = h.order(epoch, size, sp.value().seed());
          while (it.hasNext()) {
            int s = it.next();
            int lo = GradientShards.start(from, batch, shards, s);
            int hi = GradientShards.start(from, batch, shards, s + 1);
            out.add(h.worker.compute(s, epoch, o, lo, hi - lo));
          }
          return null;
        });
        compute.add(System.nanoTime() - started);
        return out.iterator();
      }).collect();
    } finally {
      long t2 = System.nanoTime();
      jobNanos += t2 - t1;
      parameters.destroy();
      destroyNanos += System.nanoTime() - t2;
    }
    batches++;
    bytesOut += 4 * floats(values);
    for (GradientShards.Shard p : parts) {
      bytesBack += 4 * floats(p.gradients());
    }
    return parts;
  }
}
