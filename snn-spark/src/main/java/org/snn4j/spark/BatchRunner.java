package org.snn4j.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.snn4j.api.FloatTensor;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.runtime.SnnModel;

/**
 * Runs batches of rows through one session of a model: each row's features encoded from {@code streamKey(seed, 0,
 * index)}, then one forward pass. Shared by {@link SnnScorer}'s partitions and the single-JVM figure of {@link
 * SnnSparkJob}, so both measure the same work. Confined to one thread; the encoded batch is reused while its size
 * stays the same.
 */
final class BatchRunner {
  private final FrozenNet.Session session;
  private final SpikeEncoder encoder;
  private final int features;
  private final int width;
  private final int steps;
  private final int classes;
  private final float[] sample;
  private SpikeTensor spikes;
  private FloatTensor currents;
  private float[] rates = new float[0];

  BatchRunner(SnnModel model, WorkerPool pool) {
    this.session = model.network().newSession(pool);
    this.encoder = model.encoder();
    this.width = model.inputSize();
    this.steps = model.timesteps();
    this.classes = model.classes();
    this.features = featureCount(encoder, width);
    this.sample = new float[features];
  }

  /** The features per sample that the encoder turns into the network's {@code width} inputs. */
  private static int featureCount(SpikeEncoder encoder, int width) {
    for (int f = 1; f <= width; f++) {
      if (encoder.outputWidth(f) == width) {
        return f;
      }
    }
    throw new IllegalArgumentException("encoder " + encoder.name() + " gives no feature count that fills the"
        + " network's " + width + " inputs");
  }

  int classes() {
    return classes;
  }

  int steps() {
    return steps;
  }

  /**
   * The class scores {@code [rows][classes]} of {@code rows} (valid until the next call).
   *
   * @throws IllegalArgumentException naming the features column if a row's features do not fit the model
   */
  float[] run(List<Row> rows, int featuresAt, String featuresName, int indexAt, long seed) {
    int b = rows.size();
    boolean analog = encoder.producesCurrents();
    if (analog ? currents == null || currents.batch() != b : spikes == null || spikes.batch() != b) {
      spikes = analog ? null : new SpikeTensor(steps, b, width);
      currents = analog ? new FloatTensor(steps, b, width) : null;
      rates = new float[b * classes];
    }
    for (int s = 0; s < b; s++) {
      Row r = rows.get(s);
      SparkData.features(r, featuresAt, featuresName, sample);
      long key = SpikeEncoder.streamKey(seed, 0, Math.toIntExact(r.getLong(indexAt)));
      if (analog) {
        encoder.encodeCurrents(sample, 0, features, steps, key, currents.data(), s * width, b * width);
      } else {
        encoder.encode(sample, 0, features, steps, key, spikes.data(), s * width, b * width);
      }
    }
    if (analog) {
      session.infer(currents, rates);
    } else {
      session.infer(spikes, rates);
    }
    return rates;
  }
}
