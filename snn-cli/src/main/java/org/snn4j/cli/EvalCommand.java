package org.snn4j.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snn4j.api.Dataset;
import org.snn4j.api.Loss;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.Split;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.Evaluation;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.datasets.DataLocation;
import org.snn4j.datasets.DataLocator;
import org.snn4j.datasets.DatasetSlice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code snn eval}: the test accuracy of a saved model. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Print a model's test accuracy.")
final class EvalCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--model", required = true, description = "Model file written by 'snn train'.")
  Path model;

  @Option(names = "--timesteps", description = "Time steps T (default: the model's).")
  Integer timesteps;

  @Override
  public Integer call() throws Exception {
    common.validate();
    Kernels kernels = Kernels.get();
    ModelFile.Loaded loaded = ModelFile.read(model, kernels);
    int steps = timesteps != null ? timesteps : loaded.positiveInt("timesteps", 10);
    if (steps <= 0) {
      throw new UsageException("--timesteps must be > 0, got " + steps);
    }
    Loss loss;
    try {
      loss = Losses.byName(loaded.get("loss", "mse"));
    } catch (IllegalArgumentException e) {
      throw loaded.unknown("loss", loaded.get("loss", "mse"), "which this snn4j does not provide (known: "
          + String.join(", ", Losses.NAMES) + ")");
    }
    // evaluation needs the neuron (in the model) and the encoder, never the surrogate that trained the model
    SpikeEncoder encoder = Plugins.encoder(loaded);
    PluginSpec datasetSpec = common.datasetSpec();
    DataLocation location =
        DataLocator.forThisMachine().locate(datasetSpec.name(), common.dataDir, EnumSet.of(Split.TEST));
    if (location.notice() != null) {
      System.err.println(location.notice());
    }
    Dataset test = DatasetSlice.first(location.read(Split.TEST, datasetSpec), common.testLimit);
    int threads = common.threads();
    Evaluation ev;
    try (WorkerPool pool = new WorkerPool(threads);
        TrainingLoop loop = TrainingLoop.evaluator(loaded.network(), encoder, loss, steps, common.batch, common.seed,
            pool)) {
      ProgressBar bar = new ProgressBar(System.err, "test", common.progress());
      ev = loop.evaluate(test, bar);
      bar.finish();
    }
    System.out.printf(Locale.ROOT, "test accuracy %.2f%% (%,d/%,d) on %s, %,.0f samples/s%n", ev.accuracyPercent(),
        ev.correct(), ev.samples(), location, ev.samplesPerSecond());
    System.out.println(new JsonLine()
        .put("command", "eval")
        .put("model", model.toString())
        .put("dataset", common.dataset)
        .put("data", location.toString())
        .put("timesteps", steps)
        .put("threads", threads)
        .put("kernels", kernels.describe())
        .put("neuron", loaded.network().neuron().spec())
        .put("test_samples", ev.samples())
        .put("test_accuracy", ev.accuracyPercent())
        .put("test_loss", ev.meanLoss())
        .put("firing_rates", ev.firingRates())
        .put("infer_samples_per_s", ev.samplesPerSecond())
        .put("seconds", ev.seconds()));
    return 0;
  }
}
