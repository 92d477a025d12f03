package org.snn4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.snn4j.api.Loss;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Optimizer;
import org.snn4j.api.PluginKind;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.io.Checkpoint;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.CheckpointableOptimizer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.EpochProgress;
import org.snn4j.core.train.EpochResult;
import org.snn4j.core.train.ProgressListener;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.plugins.PluginRegistry;

/**
 * Trains an snn4j network on a DataFrame with Spark, data-parallel, and returns an {@link SnnScorer}.
 *
 * <p><b>Synchronous mode</b> (the default, {@code mode=sync}): every global batch of {@link #batchSize()} samples
 * (in the shuffle of {@code snn train}: {@code (seed, epoch)}) is cut into {@link #shards()} shards; the executors
 * compute the shards' gradients with the exact kernels, one Spark job per batch; the driver combines them in shard
 * order ({@code GradientShards}) and takes one optimizer step. The model depends on the shard count, never on the
 * number of partitions, executors or cores, and equals {@code snn train --grad-shards S} with the same settings bit
 * for bit (with one shard: plain {@code snn train}).
 *
 * <p><b>Parameter averaging</b> ({@code mode=average}, {@link #averageEvery()} = K): each of {@link #partitions()}
 * replicas takes its share of every global batch and steps its own optimizer for K batches; then the replicas'
 * parameters and optimizer state are averaged in replica order. One job per K batches: much less communication,
 * a different (and partition-count dependent) model.
 *
 * <p>The DataFrame is collected to the driver in index order and broadcast to the executors once (its values in one
 * byte each when they are pixels {@code v/255}): the training set must fit in an executor's memory. Not supported:
 * tdBN and dropout (their batch statistics and masks depend on the whole batch), learning-rate schedules and
 * augmentation. A checkpoint is written at the end of every epoch when {@link #checkpoint()} is set, and a later
 * {@code fit} with the same settings resumes from it.
 */
public final class SnnEstimator extends Estimator<SnnScorer> {
  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger(SnnEstimator.class.getName());

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> indexCol;
  private final Param<String> layers;
  private final Param<String> net;
  private final Param<String> inputShape;
  private final Param<String> neuron;
  private final Param<String> surrogate;
  private final Param<String> encoder;
  private final Param<String> loss;
  private final Param<String> optimizer;
  private final FloatParam learningRate;
  private final FloatParam clipGrad;
  private final IntParam timesteps;
  private final IntParam batchSize;
  private final IntParam epochs;
  private final LongParam seed;
  private final IntParam shards;
  private final IntParam partitions;
  private final Param<String> mode;
  private final IntParam averageEvery;
  private final Param<String> checkpoint;
  private final Param<String> datasetName;
  private final IntParam classes;

  private transient List<EpochResult> history = List.of();
  private transient long bytesPerBatch;

  public SnnEstimator() {
    this(Identifiable$.MODULE$.randomUID("snnEstimator"));
  }

  public SnnEstimator(String uid) {
    this.uid = uid; // before the params, which take their parent's uid
    net = new Param<>(this, "net", "a --net spec, e.g. conv32k3p1,lif,... (empty: an MLP of layers)");
    checkpoint = new Param<>(this, "checkpoint", "a checkpoint file written at every epoch end (empty: none)");
    featuresCol = new Param<>(this, "featuresCol", "the samples' features");
    labelCol = new Param<>(this, "labelCol", "the class labels (int)");
    indexCol = new Param<>(this, "indexCol", "the samples' index 0..n-1 (long)");
    layers = new Param<>(this, "layers", "an MLP's sizes, e.g. 784,800,10 (or net)");
    inputShape = new Param<>(this, "inputShape", "a sample's shape C,H,W for net");
    neuron = new Param<>(this, "neuron", "the MLP's neuron NAME[:param=value,...]");
    surrogate = new Param<>(this, "surrogate", "the surrogate gradient");
    encoder = new Param<>(this, "encoder", "the spike encoder");
    loss = new Param<>(this, "loss", "mse, ce, tet-ce, tet-mse");
    optimizer = new Param<>(this, "optimizer", "adam, sgd, adamw, nesterov");
    learningRate = new FloatParam(this, "learningRate", "the learning rate");
    clipGrad = new FloatParam(this, "clipGrad", "gradient-norm clip, 0: none");
    timesteps = new IntParam(this, "timesteps", "time steps per sample");
    batchSize = new IntParam(this, "batchSize", "samples per global batch");
    epochs = new IntParam(this, "epochs", "epochs to train");
    seed = new LongParam(this, "seed", "seed of the initialisation, shuffle and encoding");
    shards = new IntParam(this, "shards", "gradient shards per batch (sync mode)");
    partitions = new IntParam(this, "partitions", "tasks per batch (sync) or replicas (average)");
    mode = new Param<>(this, "mode", "sync or average");
    averageEvery = new IntParam(this, "averageEvery", "batches between averages (average)");
    datasetName = new Param<>(this, "datasetName", "the dataset's name for the header");
    classes = new IntParam(this, "classes", "classes, 0: the largest label + 1");
    setDefault(featuresCol, SparkData.FEATURES);
    setDefault(labelCol, SparkData.LABEL);
    setDefault(indexCol, SparkData.INDEX);
    setDefault(layers, "784,800,10");
    setDefault(net, "");
    setDefault(inputShape, "");
    setDefault(neuron, "lif");
    setDefault(surrogate, "rectangular:a=1");
    setDefault(encoder, "rate");
    setDefault(loss, "mse");
    setDefault(optimizer, "adam");
    setDefault(learningRate, 1e-3f);
    setDefault(clipGrad, 0f);
    setDefault(timesteps, 10);
    setDefault(batchSize, 100);
    setDefault(epochs, 1);
    setDefault(seed, 0L);
    setDefault(shards, 4);
    setDefault(partitions, 0);
    setDefault(mode, "sync");
    setDefault(averageEvery, 10);
    setDefault(checkpoint, "");
    setDefault(datasetName, "dataframe");
    setDefault(classes, 0);
  }

  @Override
  public String uid() {
    return uid;
  }

  // the Params' accessors (Spark ML lists a stage's params through its public no-argument methods)
  public Param<String> featuresCol() { return featuresCol; }
  public Param<String> labelCol() { return labelCol; }
  public Param<String> indexCol() { return indexCol; }
  public Param<String> layers() { return layers; }
  public Param<String> net() { return net; }
  public Param<String> inputShape() { return inputShape; }
  public Param<String> neuron() { return neuron; }
  public Param<String> surrogate() { return surrogate; }
  public Param<String> encoder() { return encoder; }
  public Param<String> loss() { return loss; }
  public Param<String> optimizer() { return optimizer; }
  public FloatParam learningRate() { return learningRate; }
  public FloatParam clipGrad() { return clipGrad; }
  public IntParam timesteps() { return timesteps; }
  public IntParam batchSize() { return batchSize; }
  public IntParam epochs() { return epochs; }
  public LongParam seed() { return seed; }
  public IntParam shards() { return shards; }
  public IntParam partitions() { return partitions; }
  public Param<String> mode() { return mode; }
  public IntParam averageEvery() { return averageEvery; }
  public Param<String> checkpoint() { return checkpoint; }
  public Param<String> datasetName() { return datasetName; }
  public IntParam classes() { return classes; }

  /** Sets a param by name, e.g. {@code set("layers", "784,800,10")}, {@code set("epochs", 3)}. */
  public SnnEstimator with(String name, Object value) {
    org.apache.spark.ml.param.Param<Object> p = getParam(name);
    set(p, value);
    return this;
  }

  /** The epochs of the last {@link #fit} (those it trained; not those before a resume). */
  public List<EpochResult> history() {
    return history;
  }

  /** Bytes sent and received per batch in the last fit's synchronous mode (parameters out, gradients back). */
  public long bytesPerBatch() {
    return bytesPerBatch;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    for (Param<String> p : List.of(featuresCol, labelCol, indexCol)) {
      if (!names.contains($(p))) {
        throw new IllegalArgumentException("the DataFrame has no column '" + $(p) + "' (" + p.name() + "; it has "
            + String.join(", ", schema.fieldNames()) + ")");
      }
    }
    return schema;
  }

  @Override
  public SnnEstimator copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  private String s(Param<String> p) {
    return $(p);
  }

  private int i(IntParam p) {
    return (Integer) $(p);
  }

  @Override
  public SnnScorer fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    check(i(timesteps) >= 1, "timesteps", "must be >= 1");
    check(i(batchSize) >= 1, "batchSize", "must be >= 1");
    check(i(epochs) >= 1, "epochs", "must be >= 1");
    check(i(shards) >= 1, "shards", "must be >= 1");
    check(i(averageEvery) >= 1, "averageEvery", "must be >= 1");
    check(s(mode).equals("sync") || s(mode).equals("average"), "mode", "must be sync or average");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    int tasks = i(partitions) > 0 ? i(partitions) : Math.max(1, jsc.defaultParallelism());
    boolean average = s(mode).equals("average");
    try (PluginCatalog catalog = PluginCatalog.load(SnnEstimator.class.getClassLoader())) {
      SurrogateGradient surrogateFn = create(catalog, PluginKind.SURROGATE, surrogate);
      SpikeEncoder encoderFn = create(catalog, PluginKind.ENCODER, encoder);
      Loss lossFn;
      Optimizer optimizerFn;
      try {
        lossFn = Losses.byName(s(loss));
        optimizerFn = Optimizers.byName(s(optimizer), (Float) $(learningRate), null);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("loss/optimizer: " + e.getMessage(), e);
      }
      boolean isNet = !s(net).isBlank();
      Dataset<Row> frame = dataset.toDF();
      int[] shape = isNet ? ints(inputShape, "C,H,W") : new int[] {firstRowFeatures(frame)};
      int classCount = i(classes) > 0 ? i(classes)
          : ((Number) frame.agg(org.apache.spark.sql.functions.max(s(labelCol))).first().get(0)).intValue() + 1;
      int features = 1;
      for (int d : shape) {
        features *= d;
      }
      int inputWidth = encoderFn.outputWidth(features);
      RowDataset data = SparkData.collect(frame, s(featuresCol), s(labelCol), s(indexCol),
          isNet ? shape : new int[] {features}, 0, classCount);
      long seedValue = (Long) $(seed);
      SequentialNet network;
      if (isNet) {
        Shape in = Shape.image(shape[0], shape[1], shape[2]);
        network = NetSpec.parse(s(net)).build(in, spec -> PluginRegistry.create(catalog.registry(PluginKind.NEURON),
            spec), seedValue, Kernels.get());
      } else {
        int[] sizes = ints(layers, "784,800,10");
        check(sizes[0] == inputWidth, "layers", "starts with " + sizes[0] + " inputs but encoder "
            + encoderFn.name() + " gives " + inputWidth + " per step");
        NeuronModel n = PluginRegistry.create(catalog.registry(PluginKind.NEURON), PluginSpec.parse(s(neuron)));
        network = SequentialNet.mlp(sizes, n, seedValue, Kernels.get());
      }
      for (int l = 0; l < network.layers().size(); l++) {
        NetworkLayer layer = network.layers().get(l);
        check(!layer.mixesSamples() && !(layer instanceof Dropout), "net", "layer " + l + " (" + layer + ") needs "
            + "the whole batch on one machine (tdbn, dropout); snn-spark trains nets without them");
      }
      Map<String, String> header = new LinkedHashMap<>();
      header.put("timesteps", Integer.toString(i(timesteps)));
      header.put("encoder", encoderFn.name());
      header.put("surrogate", surrogateFn.toString());
      header.put("loss", s(loss));
      header.put("dataset", s(datasetName));
      TrainSpec spec = new TrainSpec(ModelFile.encode(network, header), s(surrogate), s(loss), s(optimizer),
          (Float) $(learningRate), null, (Float) $(clipGrad), s(encoder), i(timesteps), seedValue);
      Broadcast<TrainSpec> specB = jsc.broadcast(spec);
      Broadcast<RowDataset> dataB = jsc.broadcast(data);
      try {
        train(jsc, network, optimizerFn, surrogateFn, lossFn, encoderFn, data, specB, dataB, tasks, average);
      } finally {
        specB.destroy();
        dataB.destroy();
      }
      SnnScorer scorer = new SnnScorer(ModelFile.encode(network, header));
      return scorer.setParent(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void train(JavaSparkContext jsc, SequentialNet network, Optimizer optimizerFn,
      SurrogateGradient surrogateFn, Loss lossFn, SpikeEncoder encoderFn, RowDataset data,
      Broadcast<TrainSpec> specB, Broadcast<RowDataset> dataB, int tasks, boolean average) throws IOException {
    Map<String, String> settings = settings(data, tasks, average);
    Path ckpt = s(checkpoint).isBlank() ? null : Path.of(s(checkpoint));
    CheckpointableOptimizer saved = (CheckpointableOptimizer) optimizerFn;
    int first = 1;
    if (ckpt != null && Files.exists(ckpt)) {
      Checkpoint c = Checkpoint.read(ckpt);
      for (var e : settings.entrySet()) {
        if (!e.getValue().equals(c.header().get(e.getKey()))) {
          throw new IllegalArgumentException("checkpoint " + ckpt + " was written with " + e.getKey() + "="
              + c.header().get(e.getKey()) + ", this fit has " + e.getValue() + "; use the same settings or another"
              + " checkpoint file");
        }
      }
      c.restore(network, saved);
      first = c.epoch() + 1;
      LOG.log(System.Logger.Level.INFO, "snn-spark: resuming " + ckpt + " after epoch " + c.epoch());
    }
    List<EpochResult> done = new ArrayList<>();
    int batch = i(batchSize);
    try (WorkerPool pool = new WorkerPool(1)) {
      StbpTrainer trainer = new StbpTrainer(network, surrogateFn, lossFn, optimizerFn, pool);
      if ((Float) $(clipGrad) > 0) {
        trainer.setGradientClip((Float) $(clipGrad));
      }
      TrainingLoop loop = new TrainingLoop(trainer, encoderFn, lossFn, i(timesteps), batch, (Long) $(seed), pool);
      SparkShardRunner runner = new SparkShardRunner(jsc, specB, dataB, network, tasks);
      loop.setGradientShards(i(shards), runner);
      ParameterAveraging averaging = average
          ? new ParameterAveraging(jsc, specB, dataB, network, saved, tasks, i(averageEvery), batch) : null;
      for (int e = first; e <= i(epochs); e++) {
        EpochResult r = averaging != null ? averaging.epoch(e)
            : loop.trainEpoch(data, e, ProgressListener.NONE);
        done.add(r);
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
            "snn-spark: epoch %d/%d  train loss %.5f  accuracy %.2f%%  %,.0f samples/s", e, i(epochs), r.meanLoss(),
            r.trainAccuracyPercent(), r.samplesPerSecond()));
        if (ckpt != null) {
          int perEpoch = (data.size() + batch - 1) / batch;
          EpochProgress end = new EpochProgress(perEpoch, data.size(), r.meanLoss() * perEpoch,
              new long[network.layers().size()], r.seconds());
          Checkpoint.write(ckpt, network, saved, e, end, settings);
        }
      }
      if (averaging != null && averaging.rounds > 0) {
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "snn-spark: per round of %d batches %.1f ms in"
            + " the job, of which the replicas computed %.1f ms (summed over replicas)", i(averageEvery),
            averaging.jobNanos / (averaging.rounds * 1e6), averaging.computeNanos.value() / (averaging.rounds * 1e6)));
      }
      bytesPerBatch = runner.batches == 0 ? 0 : (runner.bytesOut + runner.bytesBack) / runner.batches;
      if (runner.batches > 0) {
        double n = runner.batches * 1e6;
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "snn-spark: per batch %.1f ms making the "
            + "parameters' broadcast, %.1f ms in the job (tasks and results; of which the executors spent %.1f ms in"
            + " their tasks, %.1f ms of it fetching the parameters, summed over tasks), %.1f ms destroying it;"
            + " %,d bytes", runner.broadcastNanos / n, runner.jobNanos / n, runner.computeNanos.value() / n,
            runner.loadNanos.value() / n, runner.destroyNanos / n, bytesPerBatch));
      }
    }
    history = List.copyOf(done);
  }

  /** What a resumed fit must repeat. */
  private Map<String, String> settings(RowDataset data, int tasks, boolean average) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Param<?> p : new Param<?>[] {layers, net, inputShape, neuron, surrogate, encoder, loss, optimizer,
        learningRate, clipGrad, timesteps, batchSize, seed, shards, mode}) {
      m.put("spark." + p.name(), String.valueOf($(p)));
    }
    if (average) {
      m.put("spark.averageEvery", String.valueOf($(averageEvery)));
      m.put("spark.replicas", Integer.toString(tasks));
    }
    m.put("spark.samples", Integer.toString(data.size()));
    return m;
  }

  /** The features of the first row: an MLP's samples are as long as the DataFrame's vectors. */
  private int firstRowFeatures(Dataset<Row> frame) {
    List<Row> first = frame.select(s(featuresCol)).limit(1).collectAsList();
    check(!first.isEmpty(), "the DataFrame", "has no rows");
    Object v = first.get(0).get(0);
    if (v instanceof org.apache.spark.ml.linalg.Vector vector) {
      return vector.size();
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return seq.length();
    }
    throw new IllegalArgumentException("column '" + s(featuresCol) + "' holds " + (v == null ? "null"
        : v.getClass().getSimpleName()) + ", not a vector or an array of numbers");
  }

  private <T, P extends org.snn4j.api.PluginFactory<T>> T create(PluginCatalog catalog, PluginKind<P> kind,
      Param<String> p) {
    try {
      return PluginRegistry.create(catalog.registry(kind), PluginSpec.parse(s(p)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(p.name() + " '" + s(p) + "': " + e.getMessage(), e);
    }
  }

  private int[] ints(Param<String> p, String example) {
    try {
      int[] v = Arrays.stream(s(p).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
      for (int x : v) {
        check(x > 0, p.name(), "'" + s(p) + "' holds " + x + "; every size must be > 0");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(p.name() + " must be numbers separated by commas, e.g. " + example
          + ", got '" + s(p) + "'");
    }
  }

  private static void check(boolean ok, String param, String message) {
    if (!ok) {
      throw new IllegalArgumentException(param + " " + message);
    }
  }
}
