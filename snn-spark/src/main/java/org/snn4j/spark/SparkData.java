package org.snn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.snn4j.api.Split;
import org.snn4j.api.PluginSpec;
import org.snn4j.datasets.DataLocator;

/**
 * snn4j datasets as DataFrames of {@code index: long, label: int, features: vector} (Spark ML's vector of the
 * sample's features, {@code [C][H][W]} for images, {@code [T][features]} for event frames), and back.
 *
 * <p>{@link #read} has every executor read its rows from the dataset's files through snn4j's readers (IDX,
 * CIFAR-10, N-MNIST frames), so the rows never pass through the driver: the files must be at the same path on
 * every machine (shared storage). The values are those the readers give, bit for bit ({@code v / 255f} as a
 * double).
 */
public final class SparkData {
  /** The column of a sample's place in its dataset, which the encoders' random streams are keyed by. */
  public static final String INDEX = "index";
  public static final String LABEL = "label";
  public static final String FEATURES = "features";

  private SparkData() {}

  /** {@code index: long, label: int, features: vector}. */
  public static StructType schema() {
    return new StructType(new StructField[] {
        new StructField(INDEX, DataTypes.LongType, false, Metadata.empty()),
        new StructField(LABEL, DataTypes.IntegerType, false, Metadata.empty()),
        new StructField(FEATURES, SQLDataTypes.VectorType(), false, Metadata.empty())});
  }

  /**
   * Reads split {@code split} of dataset {@code name} (e.g. {@code fashion-mnist}) on the executors, in {@code
   * partitions} ranges of consecutive indices.
   *
   * @param folder the dataset's folder, or null to search where {@code snn train} searches (SNN_DATA, ~/.snn4j,
   *     /usr/share/datasets); resolved on the driver first, so that a missing dataset fails before any job
   * @throws org.snn4j.datasets.DataNotFoundException naming the folders searched
   */
  public static Dataset<Row> read(SparkSession spark, String name, java.nio.file.Path folder, Split split,
      int partitions) throws java.io.IOException {
    var location = DataLocator.forThisMachine().locate(PluginSpec.parse(name).name(), folder);
    int size = location.read(split, PluginSpec.parse(name)).size();
    String where = location.folder().map(Object::toString).orElse(null); // null: the built-in sample
    List<int[]> ranges = ranges(size, partitions);
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(ranges, ranges.size())
        .mapPartitions(it -> {
          org.snn4j.api.Dataset d = ExecutorCache.get(java.util.Arrays.asList("dataset", name, where, split), () -> {
            try {
              return DataLocator.forThisMachine().locate(PluginSpec.parse(name).name(), where == null ? null : java.nio.file.Path.of(where))
                  .read(split, PluginSpec.parse(name));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
          return rows(d, it);
        });
    return spark.createDataFrame(rows, schema());
  }

  /** The rows of an in-memory dataset (shipped to the executors once, in a broadcast), in {@code partitions}. */
  public static Dataset<Row> frame(SparkSession spark, org.snn4j.api.Dataset data, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<RowDataset> shipped = jsc.broadcast(data instanceof RowDataset r ? r : RowDataset.copyOf(data));
    List<int[]> ranges = ranges(data.size(), partitions);
    JavaRDD<Row> rows = jsc.parallelize(ranges, ranges.size()).mapPartitions(it -> rows(shipped.value(), it));
    return spark.createDataFrame(rows, schema());
  }

  /** The rows of {@code d} in the index ranges {@code [from, to)} of a partition. */
  private static Iterator<Row> rows(org.snn4j.api.Dataset d, Iterator<int[]> ranges) {
    List<Row> out = new ArrayList<>();
    while (ranges.hasNext()) {
      int[] r = ranges.next();
      for (int i = r[0]; i < r[1]; i++) {
        out.add(row(d, i));
      }
    }
    return out.iterator();
  }

  private static Row row(org.snn4j.api.Dataset d, int i) {
    int n = d.featureCount() * Math.max(1, d.timesteps());
    float[] f = new float[n];
    d.features(i, f, 0);
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      v[j] = f[j];
    }
    return RowFactory.create((long) i, d.label(i), new DenseVector(v));
  }

  private static List<int[]> ranges(int size, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    List<int[]> ranges = new ArrayList<>();
    int parts = Math.max(1, Math.min(partitions, size));
    for (int p = 0; p < parts; p++) {
      ranges.add(new int[] {(int) ((long) size * p / parts), (int) ((long) size * (p + 1) / parts)});
    }
    return ranges;
  }

  /**
   * A sample's features from a row's column: a vector, or an array of floats or doubles.
   *
   * @throws IllegalArgumentException naming the column if it holds anything else
   */
  static void features(Row row, int column, String name, float[] dst) {
    Object value = row.get(column);
    int n;
    if (value instanceof Vector v) {
      n = v.size();
      check(n, dst.length, name);
      if (v instanceof DenseVector dense) {
        double[] a = dense.values();
        for (int j = 0; j < n; j++) {
          dst[j] = (float) a[j];
        }
      } else {
        for (int j = 0; j < n; j++) {
          dst[j] = (float) v.apply(j);
        }
      }
      return;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      n = seq.length();
      check(n, dst.length, name);
      Iterator<?> it = scala.jdk.javaapi.CollectionConverters.asJava(seq.iterator());
      for (int j = 0; j < n; j++) {
        dst[j] = ((Number) it.next()).floatValue();
      }
      return;
    }
    throw new IllegalArgumentException("column '" + name + "' holds " + (value == null ? "null" : value.getClass()
        .getSimpleName()) + ", not a vector or an array of numbers");
  }

  private static void check(int n, int expected, String name) {
    if (n != expected) {
      throw new IllegalArgumentException("column '" + name + "' holds " + n + " features, the model takes "
          + expected);
    }
  }

  /**
   * Collects a DataFrame's rows into a dataset ordered by its index column, for training: the indices must be
   * {@code 0 .. n-1}, each once, as the shuffle of {@code snn train} numbers a dataset's samples.
   *
   * @param shape one sample's shape, e.g. {@code [1, 28, 28]}; its product is the feature count
   * @param timesteps frames per sample, 0 for static samples
   * @throws IllegalArgumentException naming the column and row at fault
   */
  public static RowDataset collect(Dataset<Row> frame, String featuresCol, String labelCol, String indexCol,
      int[] shape, int timesteps, int classes) {
    StructType s = frame.schema();
    for (String c : new String[] {featuresCol, labelCol, indexCol}) {
      if (!java.util.Arrays.asList(s.fieldNames()).contains(c)) {
        throw new IllegalArgumentException("the DataFrame has no column '" + c + "' (it has "
            + String.join(", ", s.fieldNames()) + ")");
      }
    }
    int features = 1;
    for (int d : shape) {
      features = Math.multiplyExact(features, d);
    }
    int perSample = features * Math.max(1, timesteps);
    List<Row> rows = frame.select(indexCol, labelCol, featuresCol).collectAsList();
    int n = rows.size();
    float[] values = new float[Math.multiplyExact(n, perSample)];
    int[] labels = new int[n];
    boolean[] seen = new boolean[n];
    float[] one = new float[perSample];
    for (Row r : rows) {
      long index = r.getLong(0);
      if (index < 0 || index >= n || seen[(int) index]) {
        throw new IllegalArgumentException("column '" + indexCol + "' must number the " + n + " rows 0.." + (n - 1)
            + " once each; it holds " + index + (index >= 0 && index < n ? " twice" : ""));
      }
      seen[(int) index] = true;
      labels[(int) index] = ((Number) r.get(1)).intValue();
      features(r, 2, featuresCol, one);
      System.arraycopy(one, 0, values, (int) index * perSample, perSample);
    }
    return RowDataset.of("DataFrame column '" + featuresCol + "'", values, features, labels, classes, shape,
        timesteps);
  }
}
