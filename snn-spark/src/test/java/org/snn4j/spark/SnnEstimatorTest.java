package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.Parameter;
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

/**
 * Synchronous training on Spark gives the single-machine model of the same shard count bit for bit, whatever the
 * partitions; a failed task is retried into the same model; parameter averaging with one replica is plain training;
 * a fit resumes from its epoch checkpoint.
 */
class SnnEstimatorTest {
  private static final int EPOCHS = 2;
  private static RowDataset train;
  private static Dataset<Row> frame;

  @TempDir Path dir;

  @BeforeAll
  static void data() {
    train = SparkTestData.patterns(230, 11); // batches of 20: the last holds 10
    frame = SparkData.frame(SparkTestData.spark(), train, 3);
  }

  private static SnnEstimator estimator() {
    return new SnnEstimator().with("layers", "48,24,4").with("timesteps", SparkTestData.TIMESTEPS)
        .with("batchSize", 20).with("epochs", EPOCHS).with("learningRate", 1e-2f).with("seed", 4L).with("classes", 4);
  }

  /** What {@code snn train --grad-shards S} computes: the core's loop on one machine, shards one after the other. */
  private static SequentialNet single(int shards, int epochs) {
    SequentialNet net = SequentialNet.mlp(new int[] {48, 24, 4}, LifNeuron.PAPER, 4, Kernels.get());
    try (WorkerPool pool = new WorkerPool(2)) {
      var surrogate = PluginRegistry.load(SurrogateFactory.class).get("rectangular")
          .create(PluginSpec.parse("rectangular:a=1"));
      StbpTrainer trainer = new StbpTrainer(net, surrogate, Losses.byName("mse"), Optimizers.byName("adam", 1e-2f),
          pool);
      TrainingLoop loop = new TrainingLoop(trainer, new RateEncoder(), Losses.byName("mse"), SparkTestData.TIMESTEPS,
          20, 4, pool);
      if (shards > 0) {
        loop.setGradientShards(shards, null);
      }
      for (int e = 1; e <= epochs; e++) {
        loop.trainEpoch(train, e, ProgressListener.NONE);
      }
    }
    return net;
  }

  private static SequentialNet network(SnnScorer scorer, Path dir) throws Exception {
    Path f = Files.write(Files.createTempFile(dir, "m", ".snn"), scorer.modelBytes());
    return ModelFile.read(f, Kernels.get()).network();
  }

  private static void assertSame(SequentialNet expected, SequentialNet actual) {
    List<Parameter> a = expected.parameters();
    List<Parameter> b = actual.parameters();
    assertEquals(a.size(), b.size());
    for (int q = 0; q < a.size(); q++) {
      assertArrayEquals(a.get(q).value(), b.get(q).value(), 0f, a.get(q).name());
    }
  }

  @Test
  void syncTrainingIsTheSingleMachineModelOfItsShards() throws Exception {
    SequentialNet three = single(3, EPOCHS);
    SnnScorer onOne = estimator().with("shards", 3).with("partitions", 1).fit(frame);
    SnnScorer onThree = estimator().with("shards", 3).with("partitions", 3).fit(frame);
    assertArrayEquals(onOne.modelBytes(), onThree.modelBytes(), "the model depends on the partitions");
    assertSame(three, network(onThree, dir));
    assertSame(single(0, EPOCHS), network(estimator().with("shards", 1).fit(frame), dir));
  }

  @Test
  void theTrainedModelClassifies() {
    SnnEstimator est = estimator().with("shards", 2).with("partitions", 2);
    SnnScorer scorer = est.fit(frame);
    assertEquals(EPOCHS, est.history().size());
    // chance is 25%: the net learns three of the four bands in two epochs
    assertTrue(est.history().get(EPOCHS - 1).trainAccuracyPercent() > 60, est.history().toString());
    assertTrue(est.history().get(EPOCHS - 1).meanLoss() < est.history().get(0).meanLoss());
    long right = scorer.transform(SparkData.frame(SparkTestData.spark(), SparkTestData.patterns(100, 12), 2))
        .filter("prediction = label").count();
    assertTrue(right > 60, right + " of 100 test samples");
    // 2 shards of the 48·24 + 24 + 24·4 + 4 parameters back, the parameters out: 3 × 1,300 floats
    assertEquals(3L * 4 * (48 * 24 + 24 + 24 * 4 + 4), est.bytesPerBatch());
  }

  @Test
  void aFailedTaskIsRetriedIntoTheSameModel() throws Exception {
    FlakyEncoder.failures.set(2); // the next two encodes throw, in whichever task runs them
    SnnScorer flaky = estimator().with("shards", 3).with("partitions", 3).with("encoder", FlakyEncoder.NAME)
        .fit(frame);
    assertEquals(0, FlakyEncoder.failures.get(), "the encoder failed as often as asked");
    assertSame(single(3, EPOCHS), network(flaky, dir));
  }

  @Test
  void averagingWithOneReplicaIsPlainTraining() throws Exception {
    SnnScorer averaged = estimator().with("mode", "average").with("partitions", 1).with("averageEvery", 4)
        .fit(frame);
    assertSame(single(0, EPOCHS), network(averaged, dir));
    SnnScorer two = estimator().with("mode", "average").with("partitions", 2).with("averageEvery", 4).fit(frame);
    SnnScorer again = estimator().with("mode", "average").with("partitions", 2).with("averageEvery", 4).fit(frame);
    assertArrayEquals(two.modelBytes(), again.modelBytes());
    assertFalse(java.util.Arrays.equals(two.modelBytes(), averaged.modelBytes()));
  }

  @Test
  void aFitResumesFromItsEpochCheckpoint() throws Exception {
    Path ckpt = dir.resolve("run.ckpt");
    estimator().with("epochs", 1).with("shards", 2).with("checkpoint", ckpt.toString()).fit(frame);
    assertTrue(Files.exists(ckpt));
    SnnEstimator resumed = estimator().with("shards", 2).with("checkpoint", ckpt.toString());
    SnnScorer r = resumed.fit(frame);
    assertEquals(1, resumed.history().size(), "only epoch 2 was trained");
    assertArrayEquals(estimator().with("shards", 2).fit(frame).modelBytes(), r.modelBytes());
    var e = assertThrows(IllegalArgumentException.class,
        () -> estimator().with("shards", 3).with("checkpoint", ckpt.toString()).fit(frame));
    assertTrue(e.getMessage().contains("spark.shards=2, this fit has 3"), e.getMessage());
  }

  @Test
  void badSettingsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> estimator().with("layers", "48,x,4").fit(frame));
    assertTrue(e.getMessage().startsWith("layers must be numbers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> estimator().with("layers", "50,24,4").fit(frame));
    assertTrue(e.getMessage().contains("layers starts with 50 inputs but encoder rate gives 48"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> estimator().with("labelCol", "y").fit(frame));
    assertTrue(e.getMessage().contains("no column 'y' (labelCol"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> estimator().with("mode", "async").fit(frame));
    assertEquals("mode must be sync or average", e.getMessage());
  }
}
