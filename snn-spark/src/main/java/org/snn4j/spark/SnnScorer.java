package org.snn4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.runtime.ModelException;
import org.snn4j.runtime.SnnModel;

/**
 * Scores a DataFrame with an snn4j model: adds the predicted class, the class rates and (optionally) the output
 * layer's spike counts to each row. The model file's bytes are broadcast once per scorer; each executor decodes one
 * frozen network from them and shares it between its task threads, and each partition runs through its own session
 * in batches of {@link #batchSize()} rows.
 *
 * <p>Sample {@code i} (its {@link #indexCol()} value) is encoded from the random stream {@code
 * SpikeEncoder.streamKey(seed, 0, i)}, as {@code snn eval --seed} encodes test sample {@code i}, so the predictions
 * are those of {@code snn eval} row for row, however the rows are partitioned.
 *
 * <pre>{@code
 * SnnScorer scorer = SnnScorer.load(Path.of("fashion-mnist.snn"));
 * Dataset<Row> scored = scorer.transform(SparkData.read(spark, "fashion-mnist", null, Split.TEST, 8));
 * }</pre>
 */
public final class SnnScorer extends Model<SnnScorer> {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final byte[] model;
  private final Param<String> featuresCol;
  private final Param<String> indexCol;
  private final Param<String> predictionCol;
  private final Param<String> ratesCol;
  private final Param<String> countsCol;
  private final BooleanParam withCounts;
  private final LongParam seed;
  private final IntParam batchSize;
  /** The broadcast of {@link #model}, made at the first transform; never serialized. */
  private transient Broadcast<byte[]> shipped;
  private transient SnnModel local;

  /**
   * A scorer of the model in {@code modelFile}'s bytes.
   *
   * @throws IllegalArgumentException if the bytes are not a model snn-runtime can run (the message says why)
   */
  public SnnScorer(byte[] modelFile) {
    this(Identifiable$.MODULE$.randomUID("snnScorer"), modelFile);
  }

  /** For {@link #copy}: the same model under {@code uid}. */
  public SnnScorer(String uid, byte[] modelFile) {
    this.uid = uid;
    this.model = modelFile.clone();
    this.local = ExecutorCache.model(model); // fails here, on the driver, for a damaged or unsupported model
    featuresCol = new Param<>(this, "featuresCol", "the samples' features: a vector or an array of numbers");
    indexCol = new Param<>(this, "indexCol", "the samples' index (long), which keys the encoder's random stream");
    predictionCol = new Param<>(this, "predictionCol", "the predicted class, a double");
    ratesCol = new Param<>(this, "ratesCol", "the class scores (a vector): the output layer's spikes per step for"
        + " the rate readout, the readout's scores for a membrane or voting readout");
    countsCol = new Param<>(this, "countsCol", "the output layer's spike counts per class (array<int>)");
    withCounts = new BooleanParam(this, "withCounts", "whether to add the spike counts column");
    seed = new LongParam(this, "seed", "the encoder's seed (snn eval --seed)");
    batchSize = new IntParam(this, "batchSize", "rows run through a session together");
    setDefault(featuresCol, SparkData.FEATURES);
    setDefault(indexCol, SparkData.INDEX);
    setDefault(predictionCol, "prediction");
    setDefault(ratesCol, "rates");
    setDefault(countsCol, "spikeCounts");
    setDefault(withCounts, false);
    setDefault(seed, 0L);
    setDefault(batchSize, 100);
  }

  /**
   * A scorer of a model file.
   *
   * @throws ModelException naming the file and field if it cannot be read
   */
  public static SnnScorer load(Path file) throws ModelException {
    SnnModel.load(file); // the runtime's errors, naming the file and field
    try {
      return new SnnScorer(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ModelException(file, null, "cannot read the model " + file + ": " + e.getMessage(), e);
    }
  }

  /** The model file's bytes. */
  public byte[] modelBytes() {
    return model.clone();
  }

  /** The model, as snn-runtime loaded it on the driver. */
  public SnnModel model() {
    return local;
  }

  /** Writes the model file (through a temporary file moved into place). */
  public void save(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, model);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> indexCol() {
    return indexCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> ratesCol() {
    return ratesCol;
  }

  public Param<String> countsCol() {
    return countsCol;
  }

  public BooleanParam withCounts() {
    return withCounts;
  }

  public LongParam seed() {
    return seed;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public SnnScorer setFeaturesCol(String v) {
    set(featuresCol, v);
    return this;
  }

  public SnnScorer setIndexCol(String v) {
    set(indexCol, v);
    return this;
  }

  public SnnScorer setPredictionCol(String v) {
    set(predictionCol, v);
    return this;
  }

  public SnnScorer setRatesCol(String v) {
    set(ratesCol, v);
    return this;
  }

  public SnnScorer setWithCounts(boolean v) {
    set(withCounts, v);
    return this;
  }

  public SnnScorer setSeed(long v) {
    set(seed, v);
    return this;
  }

  public SnnScorer setBatchSize(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + v);
    }
    set(batchSize, v);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> names = java.util.Arrays.asList(schema.fieldNames());
    for (Param<String> p : List.of(featuresCol, indexCol)) {
      if (!names.contains($(p))) {
        throw new IllegalArgumentException("the DataFrame has no column '" + $(p) + "' (" + p.name() + "; it has "
            + String.join(", ", schema.fieldNames()) + ")");
      }
    }
    StructType out = schema;
    List<Param<String>> added = new ArrayList<>(List.of(predictionCol, ratesCol));
    if ((Boolean) $(withCounts)) {
      added.add(countsCol);
    }
    if ((Boolean) $(withCounts) && !local.readout().equals(org.snn4j.core.net.Readout.RATE)) {
      throw new IllegalArgumentException("withCounts: the model's readout is " + local.readout() + ", whose class"
          + " scores are not spike rates; score it without the spike counts column");
    }
    for (Param<String> p : added) {
      if (names.contains($(p))) {
        throw new IllegalArgumentException("the DataFrame already has a column '" + $(p) + "' (" + p.name() + ")");
      }
    }
    out = out.add(new StructField($(predictionCol), DataTypes.DoubleType, false, Metadata.empty()));
    out = out.add(new StructField($(ratesCol), SQLDataTypes.VectorType(), false, Metadata.empty()));
    if ((Boolean) $(withCounts)) {
      out = out.add(new StructField($(countsCol), DataTypes.createArrayType(DataTypes.IntegerType, false), false,
          Metadata.empty()));
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    if (shipped == null) {
      shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
    }
    Broadcast<byte[]> bytes = shipped;
    StructType in = dataset.schema();
    int features = in.fieldIndex($(featuresCol));
    int index = in.fieldIndex($(indexCol));
    String featuresName = $(featuresCol);
    long encoderSeed = (Long) $(seed);
    int batch = (Integer) $(batchSize);
    boolean counts = (Boolean) $(withCounts);
    JavaRDD<Row> rows = dataset.toDF().javaRDD().mapPartitions(it -> {
      SnnModel m = ExecutorCache.get(List.of("model", bytes.id()), () -> ExecutorCache.model(bytes.value()));
      return new Scoring(m, it, features, index, featuresName, encoderSeed, batch, counts);
    });
    return spark.createDataFrame(rows, out);
  }

  @Override
  public SnnScorer copy(ParamMap extra) {
    SnnScorer copy = copyValues(new SnnScorer(uid, model), extra);
    return hasParent() ? copy.setParent(parent()) : copy;
  }

  /** A partition's rows scored batch by batch, lazily: one batch of rows is held at a time. */
  static final class Scoring implements Iterator<Row> {
    private final SnnModel model;
    private final Iterator<Row> rows;
    private final int featuresAt;
    private final int indexAt;
    private final String featuresName;
    private final long seed;
    private final int batchSize;
    private final boolean counts;
    private final WorkerPool pool = new WorkerPool(1);
    private final BatchRunner runner;
    private final int steps;
    private final int classes;
    private final List<Row> in = new ArrayList<>();
    private final Row[] out;
    private int next;
    private int ready;

    Scoring(SnnModel model, Iterator<Row> rows, int featuresAt, int indexAt, String featuresName, long seed,
        int batchSize, boolean counts) {
      this.model = model;
      this.rows = rows;
      this.featuresAt = featuresAt;
      this.indexAt = indexAt;
      this.featuresName = featuresName;
      this.seed = seed;
      this.batchSize = batchSize;
      this.counts = counts;
      this.runner = new BatchRunner(model, pool);
      this.steps = runner.steps();
      this.classes = runner.classes();
      this.out = new Row[batchSize];
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> pool.close());
      }
    }

    @Override
    public boolean hasNext() {
      if (next < ready) {
        return true;
      }
      if (!rows.hasNext()) {
        pool.close();
        return false;
      }
      score();
      return next < ready;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = out[next];
      out[next++] = null;
      return r;
    }

    private void score() {
      in.clear();
      while (in.size() < batchSize && rows.hasNext()) {
        in.add(rows.next());
      }
      int b = in.size();
      float[] rates = runner.run(in, featuresAt, featuresName, indexAt, seed);
      for (int s = 0; s < b; s++) {
        Row r = in.get(s);
        int best = 0;
        double[] v = new double[classes];
        for (int k = 0; k < classes; k++) {
          v[k] = rates[s * classes + k];
          if (rates[s * classes + k] > rates[s * classes + best]) {
            best = k;
          }
        }
        Object[] values = new Object[r.length() + (counts ? 3 : 2)];
        for (int c = 0; c < r.length(); c++) {
          values[c] = r.get(c);
        }
        values[r.length()] = (double) best;
        values[r.length() + 1] = new DenseVector(v);
        if (counts) {
          int[] n = new int[classes];
          for (int k = 0; k < classes; k++) {
            n[k] = Math.round(rates[s * classes + k] * steps);
          }
          values[r.length() + 2] = n;
        }
        out[s] = RowFactory.create(values);
      }
      next = 0;
      ready = b;
    }
  }
}
