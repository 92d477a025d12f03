package org.snn4j.core.train;

import java.util.List;
import org.snn4j.api.Parameter;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.net.SequentialNet;

/**
 * One global batch cut into a fixed number of shards, each shard's gradient computed on its own ({@link
 * ShardWorker}, on this machine or on a Spark executor), and the shards' gradients combined in one fixed order
 * into the gradient of the batch.
 *
 * <p>Shard {@code s} of {@code S} holds the batch's samples {@code [⌊s·B/S⌋, ⌊(s+1)·B/S⌋)} in the epoch's shuffled
 * order, and its gradient is that of the mean loss over its own samples. The batch's gradient is {@code G = Σ_s
 * (n_s/B)·g_s}, summed in double in the order {@code s = 0, 1, …} and rounded to float once. It depends on the
 * shards' contents only, never on which thread, process or machine computed them, so a run with {@code S} shards
 * gives the same model bit for bit wherever its shards run. With one shard {@code G = g_0} exactly: the result is
 * that of an unsharded step.
 *
 * <p>With more than one shard the gradient differs from the unsharded one by float rounding: a weight's gradient
 * sums the samples in a different order ({@code docs/SPARK.md} measures how far the models drift apart).
 */
public final class GradientShards {
  private GradientShards() {}

  /** A shard's result: its gradient (one array per parameter, in the network's order), loss and statistics. */
  public record Shard(int index, int samples, float loss, long[] spikeCounts, int correct, float[][] gradients)
      implements java.io.Serializable {}

  /** The first sample of shard {@code s} of a batch {@code [from, from + batch)}; {@code s = shards} gives its end. */
  public static int start(int from, int batch, int shards, int s) {
    return from + (int) ((long) batch * s / shards);
  }

  /**
   * Refuses a network whose samples are not independent within a batch when it is to be sharded: tdBN's batch
   * statistics mix the samples, and dropout draws its masks from the sample's place in the batch and the batch
   * counter.
   *
   * @throws IllegalArgumentException naming the layer
   */
  public static void checkShardable(SequentialNet net, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("the gradient shards must be >= 1, got " + shards);
    }
    if (shards == 1) {
      return;
    }
    List<NetworkLayer> layers = net.layers();
    for (int l = 0; l < layers.size(); l++) {
      NetworkLayer layer = layers.get(l);
      if (layer.mixesSamples()) {
        throw new IllegalArgumentException("layer " + l + " (" + layer + ") normalizes over the batch, so its "
            + "gradient cannot be split into " + shards + " shards; use 1 shard or a net without tdbn");
      }
      if (layer instanceof Dropout) {
        throw new IllegalArgumentException("layer " + l + " (dropout) draws its masks from a sample's place in the "
            + "whole batch, which a shard does not see; use 1 shard or a net without dropout");
      }
    }
  }

  /**
   * Writes the batch's gradient into every parameter's {@link Parameter#gradient()} and returns the batch loss.
   *
   * @param shards the non-empty shards, in any order (they are combined in the order of {@link Shard#index()})
   * @param batch the batch's samples, the sum of the shards'
   * @throws IllegalArgumentException if the shards do not add up to the batch or do not fit the parameters
   */
  public static float combine(List<Shard> shards, int batch, List<Parameter> parameters) {
    Shard[] ordered = shards.toArray(new Shard[0]);
    java.util.Arrays.sort(ordered, java.util.Comparator.comparingInt(Shard::index));
    int samples = 0;
    for (int s = 0; s < ordered.length; s++) {
      samples += ordered[s].samples();
      if (s > 0 && ordered[s].index() == ordered[s - 1].index()) {
        throw new IllegalArgumentException("shard " + ordered[s].index() + " was given twice");
      }
      if (ordered[s].gradients().length != parameters.size()) {
        throw new IllegalArgumentException("shard " + ordered[s].index() + " has " + ordered[s].gradients().length
            + " gradients for " + parameters.size() + " parameters");
      }
    }
    if (samples != batch) {
      throw new IllegalArgumentException("the shards hold " + samples + " samples, not the batch's " + batch);
    }
    double[] weight = new double[ordered.length];
    double loss = 0;
    for (int s = 0; s < ordered.length; s++) {
      weight[s] = ordered[s].samples() / (double) batch;
      loss += weight[s] * ordered[s].loss();
    }
    for (int q = 0; q < parameters.size(); q++) {
      float[] g = parameters.get(q).gradient();
      for (Shard shard : ordered) {
        if (shard.gradients()[q].length != g.length) {
          throw new IllegalArgumentException("shard " + shard.index() + "'s gradient of " + parameters.get(q).name()
              + " has " + shard.gradients()[q].length + " values, not " + g.length);
        }
      }
      for (int i = 0; i < g.length; i++) {
        double sum = 0;
        for (int s = 0; s < ordered.length; s++) {
          sum += weight[s] * ordered[s].gradients()[q][i];
        }
        g[i] = (float) sum;
      }
    }
    return (float) loss;
  }

  /** The shards' spike counts per layer, summed. */
  static long[] spikeCounts(List<Shard> shards, int layers) {
    long[] total = new long[layers];
    for (Shard s : shards) {
      for (int l = 0; l < layers; l++) {
        total[l] += s.spikeCounts()[l];
      }
    }
    return total;
  }
}
