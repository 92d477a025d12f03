package org.snn4j.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.snn4j.api.Split;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.runtime.SnnModel;

/**
 * The spark-submit job: trains a network on a dataset's training split with {@link SnnEstimator}, writes the model,
 * scores the test split with {@link SnnScorer}, and prints one summary line of JSON (accuracy, samples/s of each
 * epoch and of scoring, and the scoring of one frozen network in this JVM on one thread, side by side).
 *
 * <pre>
 * spark-submit --class org.snn4j.spark.SnnSparkJob --master spark://host:7077 --jars ... snn-spark.jar \
 *   --dataset fashion-mnist --train-limit 6000 --epochs 1 --shards 4 --out model.snn
 * </pre>
 *
 * Every flag of {@link SnnEstimator} is accepted as {@code --name value} (e.g. {@code --layers 784,800,10},
 * {@code --mode average}); the job's own: {@code --dataset}, {@code --data-dir}, {@code --train-limit}, {@code
 * --test-limit}, {@code --partitions-data}, {@code --out}, {@code --score-repeats}, {@code --skip-train MODEL}.
 */
public final class SnnSparkJob {
  private SnnSparkJob() {}

  public static void main(String[] args) throws Exception {
    try {
      System.exit(run(args));
    } catch (IllegalArgumentException e) {
      System.err.println("snn-spark: " + e.getMessage());
      if (List.of(args).contains("--verbose")) {
        e.printStackTrace();
      }
      System.exit(2);
    }
  }

  static int run(String[] args) throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--verbose")) {
        continue;
      }
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --flag value pairs, got '" + a + "'"
            + (i + 1 >= args.length ? " without a value" : ""));
      }
      flags.put(a.substring(2), args[++i]);
    }
    String dataset = flags.getOrDefault("dataset", "fashion-mnist");
    Path dataDir = flags.containsKey("data-dir") ? Path.of(flags.get("data-dir")) : null;
    int trainLimit = intFlag(flags, "train-limit", Integer.MAX_VALUE);
    int testLimit = intFlag(flags, "test-limit", Integer.MAX_VALUE);
    int dataPartitions = intFlag(flags, "partitions-data", 4);
    int repeats = intFlag(flags, "score-repeats", 1);
    Path out = Path.of(flags.getOrDefault("out", "model.snn"));
    String skipTrain = flags.get("skip-train");
    SnnEstimator estimator = new SnnEstimator().with("datasetName", dataset);
    for (var e : flags.entrySet()) {
      if (List.of("dataset", "data-dir", "train-limit", "test-limit", "partitions-data", "out", "score-repeats",
          "skip-train").contains(e.getKey())) {
        continue;
      }
      if (!estimator.hasParam(e.getKey())) {
        throw new IllegalArgumentException("unknown flag --" + e.getKey() + " (SnnEstimator's params: "
            + String.join(", ", java.util.Arrays.stream(estimator.params()).map(p -> p.name()).toList()) + ")");
      }
      Object p = estimator.getParam(e.getKey());
      String v = e.getValue();
      try {
        estimator.with(e.getKey(), p instanceof org.apache.spark.ml.param.IntParam ? (Object) Integer.parseInt(v)
            : p instanceof org.apache.spark.ml.param.LongParam ? (Object) Long.parseLong(v)
            : p instanceof org.apache.spark.ml.param.FloatParam ? (Object) Float.parseFloat(v) : v);
      } catch (NumberFormatException x) {
        throw new IllegalArgumentException("--" + e.getKey() + " must be a number, got '" + v + "'");
      }
    }
    SparkSession spark = SparkSession.builder().appName("snn4j").getOrCreate();
    try {
      Map<String, Object> summary = new LinkedHashMap<>();
      SnnScorer scorer;
      if (skipTrain == null) {
        Dataset<Row> train = SparkData.read(spark, dataset, dataDir, Split.TRAIN, dataPartitions)
            .filter(SparkData.INDEX + " < " + trainLimit);
        long started = System.nanoTime();
        scorer = estimator.fit(train);
        summary.put("fit_seconds", (System.nanoTime() - started) / 1e9);
        scorer.save(out);
        summary.put("epochs", estimator.history().stream().map(r -> Map.of("epoch", r.epoch(), "loss", r.meanLoss(),
            "train_accuracy", r.trainAccuracyPercent(), "samples_per_s", r.samplesPerSecond())).toList());
        summary.put("bytes_per_batch", estimator.bytesPerBatch());
      } else {
        scorer = SnnScorer.load(Path.of(skipTrain));
      }
      Dataset<Row> test = SparkData.read(spark, dataset, dataDir, Split.TEST, dataPartitions)
          .filter(SparkData.INDEX + " < " + testLimit).cache();
      long n = test.count();
      double best = 0;
      long right = 0;
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        right = scorer.transform(test).filter("prediction = label").count();
        best = Math.max(best, n / ((System.nanoTime() - t0) / 1e9));
      }
      summary.put("test_samples", n);
      summary.put("test_accuracy", 100.0 * right / n);
      summary.put("scoring_samples_per_s", best);
      summary.put("single_jvm_samples_per_s", singleJvm(scorer.model(), test, repeats));
      summary.put("executors", spark.sparkContext().getExecutorMemoryStatus().size() - 1); // less the driver's
      summary.put("model", out.toString());
      System.out.println("snn-spark " + json(summary));
      return 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * The same rows scored by one frozen network in this JVM on one thread, in batches of 100 (best of runs): the
   * partitions' work ({@link BatchRunner}: features out of the rows, encoding, the forward pass) without Spark.
   */
  private static double singleJvm(SnnModel model, Dataset<Row> test, int repeats) {
    List<Row> rows = test.orderBy(SparkData.INDEX).collectAsList();
    int featuresAt = test.schema().fieldIndex(SparkData.FEATURES);
    int indexAt = test.schema().fieldIndex(SparkData.INDEX);
    double best = 0;
    try (WorkerPool pool = new WorkerPool(1)) {
      BatchRunner runner = new BatchRunner(model, pool);
      for (int r = 0; r < Math.max(1, repeats); r++) {
        long t0 = System.nanoTime();
        for (int from = 0; from < rows.size(); from += 100) {
          runner.run(rows.subList(from, Math.min(rows.size(), from + 100)), featuresAt, SparkData.FEATURES, indexAt, 0);
        }
        best = Math.max(best, rows.size() / ((System.nanoTime() - t0) / 1e9));
      }
    }
    return best;
  }

  private static int intFlag(Map<String, String> flags, String name, int dflt) {
    String v = flags.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      int x = Integer.parseInt(v);
      if (x < 1) {
        throw new NumberFormatException();
      }
      return x;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number >= 1, got '" + v + "'");
    }
  }

  private static String json(Object o) {
    if (o instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      for (var e : m.entrySet()) {
        b.append(b.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ").append(json(e.getValue()));
      }
      return b.append('}').toString();
    }
    if (o instanceof List<?> l) {
      return "[" + String.join(", ", l.stream().map(SnnSparkJob::json).toList()) + "]";
    }
    if (o instanceof Double d) {
      return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4f", d) : "null";
    }
    if (o instanceof Number || o instanceof Boolean) {
      return o.toString();
    }
    return "\"" + String.valueOf(o).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
