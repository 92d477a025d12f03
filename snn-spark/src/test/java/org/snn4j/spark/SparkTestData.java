package org.snn4j.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.ProgressListener;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.datasets.encode.RateEncoder;
import org.snn4j.plugins.PluginRegistry;

/** A local Spark session and small synthetic data shared by the tests. */
final class SparkTestData {
  static final int FEATURES = 48;
  static final int CLASSES = 4;
  static final int TIMESTEPS = 6;

  private static SparkSession spark;

  private SparkTestData() {}

  /** One local session for every test class of this JVM (local[2], a task retried up to 3 times). */
  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder().master("local[2,3]").appName("snn4j-test")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }

  /** Pixels in [0, 1] (multiples of 1/255) with a class-dependent bright band, as IDX images are scaled. */
  static RowDataset patterns(int n, long seed) {
    float[] values = new float[n * FEATURES];
    int[] labels = new int[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(CLASSES);
      labels[i] = k;
      for (int j = 0; j < FEATURES; j++) {
        boolean band = j / (FEATURES / CLASSES) == k;
        int v = band ? 150 + r.nextInt(106) : r.nextInt(90);
        values[i * FEATURES + j] = v / 255f;
      }
    }
    return RowDataset.of("patterns", values, FEATURES, labels, CLASSES, new int[] {FEATURES}, 0);
  }

  /** A 48-24-4 LIF MLP trained two epochs on {@code data}, as a model file's bytes. */
  static byte[] trainedModel(RowDataset data) throws java.io.IOException {
    SequentialNet net = SequentialNet.mlp(new int[] {FEATURES, 24, CLASSES}, LifNeuron.PAPER, 3, Kernels.get());
    try (WorkerPool pool = new WorkerPool(1)) {
      var surrogate = PluginRegistry.load(SurrogateFactory.class).get("rectangular")
          .create(PluginSpec.parse("rectangular:a=1"));
      StbpTrainer trainer = new StbpTrainer(net, surrogate, Losses.byName("mse"), Optimizers.byName("adam", 1e-2f),
          pool);
      TrainingLoop loop = new TrainingLoop(trainer, new RateEncoder(), Losses.byName("mse"), TIMESTEPS, 20, 7, pool);
      for (int e = 1; e <= 2; e++) {
        loop.trainEpoch(data, e, ProgressListener.NONE);
      }
    }
    return ModelFile.encode(net, Map.of("timesteps", Integer.toString(TIMESTEPS), "encoder", "rate"));
  }
}
