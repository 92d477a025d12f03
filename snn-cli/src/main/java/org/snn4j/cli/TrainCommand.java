package org.snn4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.api.Dataset;
import org.snn4j.api.Loss;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Optimizer;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.Split;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.io.ModelTarget;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.EpochResult;
import org.snn4j.core.train.Evaluation;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.datasets.DataLocation;
import org.snn4j.datasets.DataLocator;
import org.snn4j.datasets.DatasetSlice;
import org.snn4j.datasets.encode.FramesEncoder;
import org.snn4j.datasets.encode.RateEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code snn train}: STBP training of a spiking MLP, test accuracy per epoch, a model file and a JSON summary. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a spiking MLP with STBP and write the model.",
      "Prints one line per epoch and, last on stdout, a JSON summary."
    })
final class TrainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--layers", defaultValue = "784,800,10", split = ",", description = "Layer sizes, input first (default: ${DEFAULT-VALUE}).")
  int[] layers;

  @Option(names = "--timesteps", description = "Time steps T per sample (default: 10; for event data, its frames).")
  Integer timesteps;

  @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (momentum 0.9) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  float lr;

  @Option(names = "--surrogate", defaultValue = "rectangular:a=1", description = "Surrogate gradient NAME[:param=value,...] (default: ${DEFAULT-VALUE}); see 'snn plugins'.")
  String surrogate;

  @Option(names = "--encoder", description = "Spike encoder NAME[:param=value,...] (default: rate; frames for event data); see 'snn plugins'.")
  String encoder;

  @Mixin NeuronOptions neuronOptions;

  @Option(names = "--loss", defaultValue = "mse", description = "mse (the paper's) or ce (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(names = "--train-limit", description = "Train on only the first N training samples.")
  Integer trainLimit;

  @Option(names = "--out", defaultValue = "model.snn", description = "Model file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--force", description = "Overwrite the model file if it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    validate();
    SurrogateGradient surrogateFn = Plugins.surrogate(surrogate);
    // checked before the data is read, so a typo fails fast; the default depends on the data
    SpikeEncoder encoderFn = encoder == null ? null : Plugins.encoder(encoder);
    Loss lossFn = Losses.byName(loss);
    Optimizer optimizerFn = Optimizers.byName(optimizer, lr);
    NeuronModel neuron = neuronOptions.create();
    checkOut(stderr);

    PluginSpec datasetSpec = common.datasetSpec();
    DataLocation location = DataLocator.forThisMachine().locate(datasetSpec.name(), common.dataDir);
    if (location.notice() != null) {
      stderr.println(location.notice());
    }
    Dataset train = DatasetSlice.first(location.read(Split.TRAIN, datasetSpec), trainLimit);
    Dataset test = DatasetSlice.first(location.read(Split.TEST, datasetSpec), common.testLimit);
    int steps = sequenceSteps(train);
    String encoderName = encoder != null ? encoder : train.timesteps() > 0 ? FramesEncoder.NAME : RateEncoder.NAME;
    if (encoderFn == null) {
      encoderFn = Plugins.encoder(encoderName);
    }
    checkEncoder(encoderFn, train);
    if (layers[layers.length - 1] < train.classCount()) {
      throw new UsageException(
          "--layers ends with " + layers[layers.length - 1] + " outputs but " + common.dataset + " has "
              + train.classCount() + " classes");
    }

    checkFits(TrainingLoop.footprint(layers, neuron, surrogateFn, optimizerFn, encoderFn, steps, common.batch,
        train.size(), test.size()), steps);

    Kernels kernels = Kernels.get();
    int threads = common.threads();
    stderr.printf(Locale.ROOT, "snn: training %s %s on %s (%,d train / %,d test), T=%d, %s, batch %d, %s lr %s,"
            + " %s, %s, %d thread%s, kernels %s%n",
        join(layers), neuron.spec(), location, train.size(), test.size(), steps, encoderFn, common.batch, optimizer,
        lr, surrogateFn, loss, threads, threads == 1 ? "" : "s", kernels.describe());

    SequentialNet net = SequentialNet.mlp(layers, neuron, common.seed, kernels);
    long started = System.nanoTime();
    double trainSeconds = 0;
    long trainSamples = 0;
    EpochResult lastEpoch = null;
    Evaluation last = null;
    try (WorkerPool pool = new WorkerPool(threads);
        TrainingLoop loop = new TrainingLoop(new StbpTrainer(net, surrogateFn, lossFn, optimizerFn, pool), encoderFn,
            lossFn, steps, common.batch, common.seed, pool)) {
      for (int e = 1; e <= epochs; e++) {
        ProgressBar bar = new ProgressBar(stderr, "epoch " + e + "/" + epochs, common.progress());
        EpochResult r = loop.trainEpoch(train, e, bar);
        bar.finish();
        trainSeconds += r.seconds();
        trainSamples += r.samples();
        lastEpoch = r;
        ProgressBar evalBar = new ProgressBar(stderr, "test", common.progress());
        last = loop.evaluate(test, evalBar);
        evalBar.finish();
        stdout.printf(Locale.ROOT,
            "epoch %d/%d  train loss %.5f  %,.0f samples/s | test accuracy %.2f%%  loss %.5f  %,.0f samples/s |"
                + " firing rates %s%n",
            e, epochs, r.meanLoss(), r.samplesPerSecond(), last.accuracyPercent(), last.meanLoss(),
            last.samplesPerSecond(), rates(last.firingRates()));
      }
    }

    Map<String, String> header = new LinkedHashMap<>();
    header.put("timesteps", Integer.toString(steps));
    header.put("encoder", encoderName);
    header.put("surrogate", surrogateFn.toString());
    header.put("loss", loss);
    header.put("dataset", common.dataset);
    ModelFile.write(out, net, header, force);
    double seconds = (System.nanoTime() - started) / 1e9;
    stderr.println("snn: wrote " + out);

    JsonLine json = new JsonLine()
        .put("command", "train")
        .put("dataset", common.dataset)
        .put("data", location.toString())
        .put("layers", layers)
        .put("timesteps", steps)
        .put("epochs", epochs)
        .put("batch", common.batch)
        .put("optimizer", optimizer)
        .put("lr", lr)
        .put("encoder", encoderName)
        .put("surrogate", surrogateFn.toString())
        .put("loss", loss)
        .put("neuron", neuron.spec())
        .put("seed", common.seed)
        .put("threads", threads)
        .put("kernels", kernels.describe())
        .put("java", Runtime.version().toString())
        .put("train_samples", train.size())
        .put("test_samples", test.size())
        .put("test_accuracy", last.accuracyPercent())
        .put("test_loss", last.meanLoss())
        .put("firing_rates", last.firingRates())
        // the mean includes the first epoch's JIT warm-up; the last epoch's rate is the steady one
        .put("train_samples_per_s_mean", trainSamples / Math.max(trainSeconds, 1e-9))
        .put("train_samples_per_s_last_epoch", lastEpoch.samplesPerSecond())
        .put("infer_samples_per_s", last.samplesPerSecond())
        .put("seconds", seconds)
        .put("model", out.toString());
    stdout.println(json);
    return 0;
  }

  private void validate() {
    common.validate();
    if (layers.length < 2) {
      throw new UsageException("--layers needs at least an input and an output size, got " + join(layers));
    }
    for (int s : layers) {
      if (s <= 0) {
        throw new UsageException("--layers sizes must be > 0, got " + join(layers));
      }
    }
    if (timesteps != null) {
      positive("--timesteps", timesteps);
    }
    positive("--epochs", epochs);
    if (!(lr > 0) || !Float.isFinite(lr)) {
      throw new UsageException("--lr must be > 0, got " + lr);
    }
    if (trainLimit != null && trainLimit < 1) {
      throw new UsageException("--train-limit must be > 0, got " + trainLimit);
    }
    try {
      Losses.byName(loss);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--loss: " + e.getMessage());
    }
    try {
      Optimizers.byName(optimizer, 1f);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--optimizer: " + e.getMessage());
    }
    if (Files.isDirectory(out)) {
      throw new UsageException("--out: " + out + " is a folder; name a file");
    }
    if (Files.exists(out) && !Files.isRegularFile(out)) {
      throw new UsageException("--out: " + out + " is not a regular file; name a model file");
    }
  }

  /**
   * Checked before training, so a long run never ends by failing to save: the file may be replaced, its folder
   * exists (missing folders are made now, with a notice) and accepts a new file.
   */
  private void checkOut(PrintStream stderr) throws FileAlreadyExistsException {
    if (!force && Files.exists(out)) {
      throw new FileAlreadyExistsException(out.toString(), null, "exists; pass --force to overwrite it");
    }
    try {
      Path created = ModelTarget.createFolder(out);
      if (created != null) {
        stderr.println("snn: created folder " + created + " for --out");
      }
      ModelTarget.checkWritable(out);
    } catch (FileSystemException e) {
      throw new UsageException("--out " + out + ": " + e.getFile() + " " + e.getReason() + "; choose another --out");
    } catch (IOException e) {
      throw new UsageException("--out " + out + ": " + e.getMessage() + "; choose another --out");
    }
  }

  /**
   * Refuses a run whose arrays could not exist, or would not fit in the heap with what is already in it (the data),
   * before any is allocated.
   */
  private void checkFits(Footprint need, int steps) {
    String run = "--layers " + join(layers).replace('-', ',') + " with --batch " + common.batch + " and T=" + steps;
    if (need.tooLargeArray() != null) {
      throw new UsageException(String.format(Locale.ROOT, "%s: %s, more than one Java array holds (%,d); lower %s",
          run, need.tooLargeArray(), Footprint.MAX_ARRAY,
          need.tooLargeScalesWithBatch() ? "--batch or --timesteps" : "--layers"));
    }
    Runtime rt = Runtime.getRuntime();
    long max = rt.maxMemory();
    if (need.bytes() > max - (rt.totalMemory() - rt.freeMemory())) {
      System.gc(); // only when it matters: reading the data left garbage that counts as used until it is collected
      long used = rt.totalMemory() - rt.freeMemory();
      if (need.bytes() > max - used) {
        long suggest = (long) Math.ceil(1.25 * Footprint.plus(need.bytes(), used) / (1L << 30));
        throw new UsageException(String.format(Locale.ROOT,
            "%s: training needs about %s, the JVM has %s (%s of it in use): lower --layers or --batch, or set"
                + " SNN_JAVA_OPTS=-Xmx%dg", run, Footprint.describe(need.bytes()), Footprint.describe(max),
            Footprint.describe(used), suggest));
      }
    }
  }

  /** T: the dataset's frame count for sequence data (which --timesteps may repeat), else --timesteps or 10. */
  private int sequenceSteps(Dataset train) {
    int frames = train.timesteps();
    if (frames > 0) {
      if (timesteps != null && timesteps != frames) {
        throw new UsageException("--timesteps " + timesteps + " but " + common.dataset + " holds sequences of "
            + frames + " frames; omit --timesteps or read the data with frames=" + timesteps);
      }
      return frames;
    }
    return timesteps == null ? 10 : timesteps;
  }

  /** The encoder must read what the dataset holds and give as many channels as the first layer has inputs. */
  private void checkEncoder(SpikeEncoder enc, Dataset train) {
    boolean sequence = train.timesteps() > 0;
    if (enc.readsFrames() != sequence) {
      throw new UsageException(sequence
          ? "--encoder " + enc.name() + " encodes static samples but " + common.dataset + " holds event frames; use"
              + " frames (the default for event data) or delta:input=frames"
          : "--encoder " + enc.name() + " reads frame sequences but " + common.dataset + " holds static samples");
    }
    int width = enc.outputWidth(train.featureCount());
    if (layers[0] != width) {
      throw new UsageException("--layers starts with " + layers[0] + " but --encoder " + enc.name() + " gives "
          + width + " input channels per step for " + common.dataset + "'s " + train.featureCount() + " features");
    }
  }

  private static void positive(String flag, int v) {
    if (v <= 0) {
      throw new UsageException(flag + " must be > 0, got " + v);
    }
  }

  static String join(int[] sizes) {
    StringBuilder sb = new StringBuilder();
    for (int s : sizes) {
      sb.append(sb.length() == 0 ? "" : "-").append(s);
    }
    return sb.toString();
  }

  static String rates(double[] r) {
    StringBuilder sb = new StringBuilder();
    for (double v : r) {
      sb.append(sb.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return sb.toString();
  }
}
