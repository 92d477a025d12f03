package org.snn4j.cli;

import org.snn4j.core.net.NetSpec;
import org.snn4j.core.layer.Shape;
import java.util.List;
import java.util.ArrayList;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.snn4j.core.io.Checkpoint;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.io.ModelTarget;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.CheckpointableOptimizer;
import org.snn4j.core.optim.Optimizers;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.Augmentation;
import org.snn4j.core.train.BatchHook;
import org.snn4j.core.train.EpochProgress;
import org.snn4j.core.train.EpochResult;
import org.snn4j.core.train.Evaluation;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.datasets.DataLocation;
import org.snn4j.datasets.DataLocator;
import org.snn4j.datasets.DatasetSlice;
import org.snn4j.datasets.encode.FramesEncoder;
import org.snn4j.datasets.encode.RateEncoder;
import java.util.HashSet;
import java.util.Set;
import org.snn4j.core.optim.LrSchedule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code snn train}: STBP training of a spiking network (an MLP from {@code --layers}, or any net from {@code
 * --net}), test accuracy per epoch, a model file and a JSON summary.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a spiking network with STBP and write the model.",
      "Prints one line per epoch and, last on stdout, a JSON summary."
    })
final class TrainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--layers", split = ",", description = "An MLP's layer sizes, input first (default: 784,800,10).")
  int[] layers;

  @Option(names = "--net", paramLabel = "SPEC", description = {
      "Any network, input side first, instead of --layers: tokens convOUTkK[sS][pP], denseN, a neuron after each"
          + " (lif, if, plif(init_decay=0.5), ...), avgpoolK[sS], maxpoolK[sS], flatten, dropoutP (dropout0.2),"
          + " neunorm[(k=K)] after a conv layer's neuron; or a preset: stbp-scnn,"
          + " stbp-cifar10, stbp-cifar10-small. E.g. conv32k3p1,lif,avgpool2,flatten,dense10,lif."})
  String netText;

  private NetSpec netSpec;

  @Option(names = "--timesteps", description = "Time steps T per sample (default: 10; for event data, its frames).")
  Integer timesteps;

  @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--optimizer", defaultValue = "adam", description = "adam, sgd (momentum 0.9), adamw (decoupled weight decay) or nesterov (SGD, Nesterov momentum 0.9) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", defaultValue = "1e-3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  float lr;

  @Option(names = "--surrogate", defaultValue = "rectangular:a=1", description = "Surrogate gradient NAME[:param=value,...] (default: ${DEFAULT-VALUE}); see 'snn plugins'.")
  String surrogate;

  @Option(names = "--encoder", description = "Spike encoder NAME[:param=value,...] (default: rate; frames for event data); see 'snn plugins'.")
  String encoder;

  @Mixin NeuronOptions neuronOptions;

  @Option(names = "--loss", defaultValue = "mse", description = "mse (the paper's), ce, mse-count (MSE of spike counts"
      + " against T for the label, 0 otherwise), or TET (the loss of every step's output, averaged): tet-ce, tet-mse"
      + " (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(names = "--train-limit", description = "Train on only the first N training samples.")
  Integer trainLimit;

  @Option(names = "--out", defaultValue = "model.snn", description = "Model file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--force", description = "Overwrite the model file (and the --checkpoint file) if it exists.")
  boolean force;

  @Mixin CheckpointOptions checkpoints;

  @Mixin ReportOptions report;
  @Option(names = "--weight-decay", paramLabel = "W", description = "Weight decay: decoupled for adamw (default"
      + " 0.01), PyTorch's L2 term for sgd and nesterov (default 0); adam takes none.")
  Float weightDecay;

  @Option(names = "--schedule", paramLabel = "SPEC", description = "Learning-rate schedule: constant (default),"
      + " step:every=K[,gamma=0.1] (x gamma every K epochs), cosine[:warmup=W][,min=M] (W epochs of linear warm-up,"
      + " then cosine annealing to M, per batch).")
  String schedule;

  @Option(names = "--clip-grad", paramLabel = "N", description = "Clip the gradients to a global L2 norm of at most N"
      + " before each update (default: no clipping).")
  Float clipGrad;

  @Option(names = "--grad-shards", paramLabel = "S", description = "Cut each batch's gradient into S shards, each"
      + " computed on its own and combined in a fixed order (default 1: unsharded); snn-spark's synchronous training"
      + " with S shards gives this run's model bit for bit on any number of executors. Not with tdbn or dropout.")
  Integer gradShards;

  @Option(names = "--readout", paramLabel = "SPEC", description = "Class scores from the last layer: rate (its firing"
      + " rates, the default), membrane[:decay=B] (a non-spiking leaky integrator of its currents, mean over T; B"
      + " 0.5 by default) or vote:N (N neurons per class, the mean rate of each group).")
  String readout;

  @Option(names = "--augment", paramLabel = "LIST", description = "Seeded augmentation of training images: crop=P"
      + " (random crop with padding P), flip (horizontal flip), e.g. crop=4,flip (default: none).")
  String augment;

  @Option(names = "--recipe", paramLabel = "NAME|FILE", description = "Start from a recipe's settings: a built-in"
      + " one (fmnist-mlp, fmnist-conv, cifar10-conv, nmnist-conv) or a recipe file (docs/RECIPES.md); flags given"
      + " on the command line override it.")
  String recipe;

  @Spec CommandSpec spec;

  /** The recipe this command's settings came from, or null; set on the command a recipe was expanded into. */
  private String recipeSource;

  @Override
  public Integer call() throws Exception {
    if (recipe != null) {
      return withRecipe();
    }
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    validate();
    SurrogateGradient surrogateFn = Plugins.surrogate(surrogate);
    // checked before the data is read, so a typo fails fast; the default depends on the data
    SpikeEncoder encoderFn = encoder == null ? null : Plugins.encoder(encoder);
    Optimizer optimizerFn = Optimizers.byName(optimizer, lr, weightDecay);
    NeuronModel neuron = netSpec == null ? neuronOptions.create() : null;
    if (netSpec != null) {
      List<PluginSpec> neurons = new ArrayList<>();
      for (NetSpec.Token t : netSpec.tokens()) {
        if (t instanceof NetSpec.Neuron n) {
          neuronOptions.create(n.spec()); // checked before any data is read
          neurons.add(n.spec());
        }
      }
      neuronOptions.checkUsed(neurons);
    }
    checkOut(stderr);
    checkpoints.checkTarget(force);
    Checkpoint resumed = checkpoints.readResume(); // a damaged checkpoint fails before the data is read

    PluginSpec datasetSpec = common.datasetSpec();
    DataLocation location = DataLocator.forThisMachine().locate(datasetSpec.name(), common.dataDir);
    if (location.notice() != null) {
      stderr.println(location.notice());
    }
    Dataset train = DatasetSlice.first(location.read(Split.TRAIN, datasetSpec), trainLimit);
    Dataset test = DatasetSlice.first(location.read(Split.TEST, datasetSpec), common.testLimit);
    int steps = sequenceSteps(train);
    Loss lossFn = Losses.byName(loss, steps); // mse-count counts over the steps
    String encoderName = encoder != null ? encoder : train.timesteps() > 0 ? FramesEncoder.NAME : RateEncoder.NAME;
    if (encoderFn == null) {
      encoderFn = Plugins.encoder(encoderName);
    }
    checkEncoder(encoderFn, train);
    Map<String, String> settings = settings(train, steps, neuron, encoderFn, surrogateFn);
    if (resumed != null) {
      CheckpointOptions.checkSettings(resumed, settings);
      if (resumed.epoch() > epochs) {
        throw new UsageException("--epochs " + epochs + " but the checkpoint " + resumed.file() + " is in epoch "
            + resumed.epoch() + "; give --epochs " + resumed.epoch() + " or more");
      }
    }
    Kernels kernels = Kernels.get();
    int threads = common.threads();
    SequentialNet net;
    if (netSpec == null) {
      if (layers[layers.length - 1] < train.classCount()) {
        throw new UsageException(
            "--layers ends with " + layers[layers.length - 1] + " outputs but " + common.dataset + " has "
                + train.classCount() + " classes");
      }
      checkFits(TrainingLoop.footprint(layers, neuron, surrogateFn, optimizerFn, encoderFn, steps, common.batch,
          train.size(), test.size()), steps);
      net = SequentialNet.mlp(layers, neuron, common.seed, kernels);
    } else {
      Shape input = inputShape(train, encoderFn);
      try {
        net = netSpec.build(input, neuronOptions::create, common.seed, kernels);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage() + " (the input of " + common.dataset + " with --encoder "
            + encoderFn.name() + " is " + input + ")");
      }
      if (net.outputSize() < train.classCount()) {
        throw new UsageException("--net ends with " + net.outputSize() + " outputs but " + common.dataset + " has "
            + train.classCount() + " classes");
      }
      checkFits(TrainingLoop.footprint(net, optimizerFn, steps, common.batch, train.size(), test.size(), threads),
          steps);
    }
    if (readout != null) {
      try {
        net.setReadout(Readout.parse(readout));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--readout: " + e.getMessage());
      }
      if (net.classCount() < train.classCount()) {
        throw new UsageException("--readout " + readout + " scores " + net.classCount() + " classes from the last"
            + " layer's " + net.outputSize() + " neurons but " + common.dataset + " has " + train.classCount()
            + " classes");
      }
    }
    String description = netSpec == null ? join(layers) + " " + neuron.spec() : NetSpec.of(net).toString();
    stderr.printf(Locale.ROOT, "snn: training %s on %s (%,d train / %,d test), T=%d, %s, batch %d, %s lr %s,"
            + " %s, %s, %d thread%s, kernels %s%n",
        description, location, train.size(), test.size(), steps, encoderFn, common.batch, optimizer,
        lr, surrogateFn, loss, threads, threads == 1 ? "" : "s", kernels.describe());

    CheckpointableOptimizer saved = resumed != null || checkpoints.file != null
        ? CheckpointOptions.checkpointable(optimizerFn) : null;
    int firstEpoch = 1;
    if (resumed != null) {
      resumed.restore(net, saved);
      firstEpoch = resumed.epoch();
      stderr.printf(Locale.ROOT, "snn: resuming %s: epoch %d after batch %d%n", resumed.file(), firstEpoch,
          resumed.progress().batches());
    }
    if (resumed != null && !kernels.describe().equals(resumed.header().get("kernels"))) {
      // reductions may round differently in the scalar and the vector kernels (elementwise kernels agree)
      stderr.println("snn: the checkpoint was made with kernels " + resumed.header().get("kernels") + ", this run"
          + " uses " + kernels.describe() + ": the model may differ in its last bits from an uninterrupted run's");
    }
    if (checkpoints.file != null) {
      stderr.println("snn: checkpoints to " + checkpoints.describe());
    }
    Map<String, String> recorded = new LinkedHashMap<>(settings);
    recorded.put("kernels", kernels.describe()); // not a setting: a resume with other kernels is warned, not refused
    long started = System.nanoTime();
    double secondsBefore = CheckpointOptions.total(resumed, "seconds");
    double trainSeconds = CheckpointOptions.total(resumed, "train_seconds");
    long trainSamples = (long) CheckpointOptions.total(resumed, "train_samples");
    int perEpoch = (train.size() + common.batch - 1) / common.batch;
    EpochResult lastEpoch = null;
    Evaluation last = null;
    LrSchedule scheduleFn = schedule == null ? null : LrSchedule.parse(schedule, lr, epochs, perEpoch);
    StbpTrainer trainer;
    try (WorkerPool pool = new WorkerPool(threads);
        TrainingLoop loop = new TrainingLoop(trainer = new StbpTrainer(net, surrogateFn, lossFn, optimizerFn, pool),
            encoderFn, lossFn, steps, common.batch, common.seed, pool)) {
      if (clipGrad != null) {
        trainer.setGradientClip(clipGrad);
      }
      if (gradShards != null) {
        try {
          loop.setGradientShards(gradShards, null);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--grad-shards " + gradShards + ": " + e.getMessage());
        }
      }
      if (augment != null) {
        try {
          loop.setAugmentation(Augmentation.parse(augment));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--augment: " + e.getMessage());
        }
      }
      for (int e = firstEpoch; e <= epochs; e++) {
        ProgressBar bar = new ProgressBar(stderr, "epoch " + e + "/" + epochs, common.progress());
        EpochProgress progress = resumed != null && e == firstEpoch ? resumed.progress()
            : new EpochProgress(net.layers().size());
        if (scheduleFn != null && progress.batches() < perEpoch) {
          scheduleFn.apply(optimizerFn, e, progress.batches()); // a function of the batch's place: resumes alike
        }
        Map<String, Double> totals = new LinkedHashMap<>();
        totals.put("train_seconds", trainSeconds); // the epochs before this one
        totals.put("train_samples", (double) trainSamples);
        BatchHook hook = (epoch, p) -> {
          if (scheduleFn != null && p.batches() < perEpoch) {
            scheduleFn.apply(optimizerFn, epoch, p.batches()); // the next batch's rate, saved with a checkpoint
          }
          if (checkpoints.due(epoch, p.batches(), perEpoch)) {
            totals.put("seconds", secondsBefore + (System.nanoTime() - started) / 1e9);
            checkpoints.write(net, saved, epoch, p, recorded, totals);
          }
          return true;
        };
        EpochResult r;
        try {
          r = loop.trainEpoch(train, e, progress, bar, hook);
        } catch (UncheckedIOException x) {
          throw x.getCause();
        }
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
        report.epoch(recorded, r, last, optimizerFn.learningRate());
      }
    }

    Map<String, String> header = new LinkedHashMap<>();
    header.put("timesteps", Integer.toString(steps));
    header.put("encoder", encoderName);
    header.put("surrogate", surrogateFn.toString());
    header.put("loss", loss);
    header.put("dataset", common.dataset);
    ModelFile.write(out, net, header, force);
    double seconds = secondsBefore + (System.nanoTime() - started) / 1e9;
    stderr.println("snn: wrote " + out);

    JsonLine json = new JsonLine()
        .put("command", "train")
        .put("dataset", common.dataset)
        .put("data", location.toString())
        .put(netSpec == null ? "layers" : "net", netSpec == null ? join(layers).replace('-', ',') : NetSpec.of(net)
            .toString())
        .put("timesteps", steps)
        .put("epochs", epochs)
        .put("batch", common.batch)
        .put("optimizer", optimizer)
        .put("lr", lr)
        .put("encoder", encoderName)
        .put("surrogate", surrogateFn.toString())
        .put("loss", loss)
        .put("neuron", net.neuron().spec())
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
    if (resumed != null) {
      json.put("resumed_from", resumed.file());
    }
    if (recipeSource != null) {
      json.put("recipe", recipeSource);
    }
    if (weightDecay != null) {
      json.put("weight_decay", weightDecay);
    }
    if (schedule != null) {
      json.put("schedule", scheduleFn.toString());
    }
    if (clipGrad != null) {
      json.put("clip_grad", clipGrad);
    }
    if (gradShards != null) {
      json.put("grad_shards", gradShards);
    }
    if (readout != null) {
      json.put("readout", net.readout().toString());
    }
    if (augment != null) {
      json.put("augment", String.valueOf(Augmentation.parse(augment)));
    }
    stdout.println(json);
    return 0;
  }

  /**
   * Runs the command a recipe describes: the recipe's settings first, then every flag given on this command line
   * (later values win, so the command line overrides the recipe).
   */
  private Integer withRecipe() throws Exception {
    Set<String> known = new HashSet<>();
    Set<String> noValue = new HashSet<>();
    for (OptionSpec o : spec.options()) {
      known.add(o.longestName());
      if (o.arity().max() == 0) {
        noValue.add(o.longestName());
      }
    }
    Recipe r = Recipe.load(recipe, known);
    ParseResult given = spec.commandLine().getParseResult();
    // the command line's --net replaces a recipe's --layers, and the other way round
    Set<String> replaced = new HashSet<>();
    if (given.hasMatchedOption("--net")) {
      replaced.add("--layers");
    }
    if (given.hasMatchedOption("--layers")) {
      replaced.add("--net");
    }
    List<String> args = new ArrayList<>(r.arguments(noValue, replaced));
    for (OptionSpec o : given.matchedOptions()) {
      String name = o.longestName();
      if (name.equals("--recipe") || name.equals("--plugins")) {
        continue; // the recipe is expanded here; the plugins are already open
      }
      if (o.arity().max() == 0) {
        args.add(name);
      } else {
        for (String v : o.originalStringValues()) {
          args.add(name);
          args.add(v);
        }
      }
    }
    TrainCommand expanded = new TrainCommand();
    CommandLine line = new CommandLine(expanded);
    line.setOverwrittenOptionsAllowed(true);
    try {
      line.parseArgs(args.toArray(new String[0]));
    } catch (ParameterException e) {
      throw new UsageException("recipe " + r.source() + ": " + e.getMessage());
    }
    expanded.recipeSource = r.source();
    return expanded.call();
  }

  private void validate() {
    common.validate();
    checkpoints.validate();
    if (netText != null) {
      if (layers != null) {
        throw new UsageException("--layers and --net both describe the network; give one");
      }
      if (neuronOptions.given()) {
        throw new UsageException("--neuron goes with --layers; with --net, name each layer's neuron in it (e.g."
            + " conv32k3p1,plif)");
      }
      try {
        netSpec = NetSpec.parse(netText);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    } else if (layers == null) {
      layers = new int[] {784, 800, 10};
    }
    if (netSpec != null) {
      // the MLP's size checks below do not apply
    } else if (layers.length < 2) {
      throw new UsageException("--layers needs at least an input and an output size, got " + join(layers));
    }
    for (int s : netSpec != null ? new int[0] : layers) {
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
      Losses.byName(loss, 1); // the name only: the steps are known once the data is read
    } catch (IllegalArgumentException e) {
      throw new UsageException("--loss: " + e.getMessage());
    }
    try {
      Optimizers.byName(optimizer, 1f, weightDecay);
    } catch (IllegalArgumentException e) {
      throw new UsageException((e.getMessage().contains("weight decay") ? "--weight-decay: " : "--optimizer: ")
          + e.getMessage());
    }
    if (schedule != null) {
      try {
        LrSchedule.parse(schedule, lr, epochs, 1);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--schedule: " + e.getMessage());
      }
    }
    if (readout != null) {
      try {
        Readout.parse(readout);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--readout: " + e.getMessage());
      }
    }
    if (augment != null) {
      try {
        Augmentation.parse(augment);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--augment: " + e.getMessage());
      }
    }
    if (gradShards != null && gradShards < 1) {
      throw new UsageException("--grad-shards must be >= 1, got " + gradShards);
    }
    if (clipGrad != null && (!(clipGrad > 0) || !Float.isFinite(clipGrad))) {
      throw new UsageException("--clip-grad must be > 0, got " + clipGrad);
    }
    if (Files.isDirectory(out)) {
      throw new UsageException("--out: " + out + " is a folder; name a file");
    }
    if (Files.exists(out) && !Files.isRegularFile(out)) {
      throw new UsageException("--out: " + out + " is not a regular file; name a model file");
    }
  }

  /**
   * What a resumed run must repeat, flag by flag (in the order the checks name them): everything that changes the
   * trained model. Not here: --epochs, --threads (the same bits at any count), --test-limit, --out and the
   * checkpoint flags. The training set's size stands for the data, whose folder may move.
   */
  private Map<String, String> settings(Dataset train, int steps, NeuronModel neuron, SpikeEncoder enc,
      SurrogateGradient surrogateFn) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("--dataset", common.dataset);
    if (netSpec == null) {
      m.put("--layers", join(layers).replace('-', ','));
      m.put("--neuron", neuron.spec());
    } else {
      m.put("--net", netSpec.toString());
    }
    m.put("--timesteps", Integer.toString(steps));
    m.put("--encoder", enc.toString());
    m.put("--surrogate", surrogateFn.toString());
    m.put("--loss", loss.strip().toLowerCase(Locale.ROOT));
    m.put("--optimizer", optimizer.strip().toLowerCase(Locale.ROOT));
    m.put("--lr", Float.toString(lr));
    m.put("--batch", Integer.toString(common.batch));
    m.put("--seed", Long.toString(common.seed));
    m.put("--train-limit", trainLimit == null ? "none" : Integer.toString(trainLimit));
    // recorded only when given, so that checkpoints of runs without them still resume
    if (weightDecay != null) {
      m.put("--weight-decay", Float.toString(weightDecay));
    }
    if (schedule != null) {
      m.put("--schedule", LrSchedule.parse(schedule, lr, epochs, 1).toString());
    }
    if (clipGrad != null) {
      m.put("--clip-grad", Float.toString(clipGrad));
    }
    if (gradShards != null && gradShards != 1) {
      m.put("--grad-shards", Integer.toString(gradShards));
    }
    if (readout != null) {
      m.put("--readout", Readout.parse(readout).toString());
    }
    if (augment != null) {
      m.put("--augment", String.valueOf(Augmentation.parse(augment)));
    }
    m.put("training_samples", Integer.toString(train.size()));
    return m;
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
    String run = (netSpec == null ? "--layers " + join(layers).replace('-', ',') : "--net " + netText) + " with --batch "
        + common.batch + " and T=" + steps;
    if (need.tooLargeArray() != null) {
      throw new UsageException(String.format(Locale.ROOT, "%s: %s, more than one Java array holds (%,d); lower %s",
          run, need.tooLargeArray(), Footprint.MAX_ARRAY,
          need.tooLargeScalesWithBatch() ? "--batch or --timesteps" : netSpec == null ? "--layers" : "--net"));
    }
    Runtime rt = Runtime.getRuntime();
    long max = rt.maxMemory();
    if (need.bytes() > max - (rt.totalMemory() - rt.freeMemory())) {
      System.gc(); // only when it matters: reading the data left garbage that counts as used until it is collected
      long used = rt.totalMemory() - rt.freeMemory();
      if (need.bytes() > max - used) {
        long suggest = (long) Math.ceil(1.25 * Footprint.plus(need.bytes(), used) / (1L << 30));
        throw new UsageException(String.format(Locale.ROOT,
            "%s: training needs about %s, the JVM has %s (%s of it in use): lower %s or --batch, or set"
                + " SNN_JAVA_OPTS=-Xmx%dg", run, Footprint.describe(need.bytes()), Footprint.describe(max),
            Footprint.describe(used), netSpec == null ? "--layers" : "--net", suggest));
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
    if (netSpec == null && layers[0] != width) {
      throw new UsageException("--layers starts with " + layers[0] + " but --encoder " + enc.name() + " gives "
          + width + " input channels per step for " + common.dataset + "'s " + train.featureCount() + " features");
    }
  }

  /**
   * The network's input shape: the dataset's sample shape ({@link Dataset#sampleShape()}), with the channels
   * multiplied when the encoder gives several channels per feature (delta's OFF channel).
   */
  private Shape inputShape(Dataset train, SpikeEncoder enc) {
    int[] shape = train.sampleShape();
    int width = enc.outputWidth(train.featureCount());
    if (shape.length == 3 && width % train.featureCount() == 0) {
      return Shape.image(shape[0] * (width / train.featureCount()), shape[1], shape[2]);
    }
    return shape.length == 3 && width == train.featureCount() ? Shape.image(shape[0], shape[1], shape[2])
        : Shape.vector(width);
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
