package org.snn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import org.snn4j.api.Dataset;
import org.snn4j.api.Loss;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.Split;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.Evaluation;
import org.snn4j.core.train.EvaluationObserver;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.datasets.DataLocation;
import org.snn4j.datasets.DataLocator;
import org.snn4j.datasets.DatasetSlice;

/**
 * A saved model and the test set it is scored on, as {@code snn eval} and {@code snn report} read them: the model
 * file, its time steps (or {@code --timesteps}), its loss and its encoder (evaluation needs the neuron, in the model,
 * and the encoder, never the surrogate that trained it), and the dataset's test split.
 */
record ModelEvaluation(
    Path model, ModelFile.Loaded loaded, Kernels kernels, int steps, Loss loss, SpikeEncoder encoder,
    DataLocation location, Dataset test) {

  /** Reads the model and locates and reads the test set, printing the data locator's notice if it has one. */
  static ModelEvaluation prepare(CommonOptions common, Path model, Integer timesteps) throws IOException {
    ModelFile.Loaded loaded = null;
    if (System.getProperty(SIMD) == null && common.testLimit != null) {
      // read with the scalar twin, which costs no Vector API warm-up, to size the job
      ModelFile.Loaded peek = ModelFile.read(model, KernelSelection.scalar());
      int steps = timesteps != null ? timesteps : peek.positiveInt("timesteps", 10);
      if (smallJob(common.testLimit, steps, peek.network())) {
        System.setProperty(SIMD, "scalar"); // before the first Kernels.get() and the encoder's draws choose
        if (Kernels.get().describe().equals("scalar")) {
          loaded = peek;
        }
      }
    }
    Kernels kernels = Kernels.get();
    if (loaded == null) {
      loaded = ModelFile.read(model, kernels);
    }
    int steps = timesteps != null ? timesteps : loaded.positiveInt("timesteps", 10);
    if (steps <= 0) {
      throw new UsageException("--timesteps must be > 0, got " + steps);
    }
    Loss loss;
    try {
      loss = Losses.byName(loaded.get("loss", "mse"), steps);
    } catch (IllegalArgumentException e) {
      throw loaded.unknown("loss", loaded.get("loss", "mse"), "which this snn4j does not provide (known: "
          + String.join(", ", Losses.NAMES) + ")");
    }
    SpikeEncoder encoder = Plugins.encoder(loaded);
    PluginSpec datasetSpec = common.datasetSpec();
    DataLocation location =
        DataLocator.forThisMachine().locate(datasetSpec.name(), common.dataDir, EnumSet.of(Split.TEST));
    if (location.notice() != null) {
      System.err.println(location.notice());
    }
    Dataset test = DatasetSlice.first(location.read(Split.TEST, datasetSpec), common.testLimit);
    return new ModelEvaluation(model, loaded, kernels, steps, loss, encoder, location, test);
  }

  private static final String SIMD = "snn.simd";

  /**
   * Below this many multiply-adds a dense pass would make (samples × time steps × parameters), {@code snn eval} runs
   * the scalar twin unless {@code -Dsnn.simd} says otherwise: both give the same bits, and a job this small ends
   * before the Vector API's classes and compiled code pay off (the crossover measured in docs/PERFORMANCE.md, "Cold
   * snn eval": about 3,000 samples of the README MLP).
   */
  static final double SCALAR_BELOW = 1.9e10;

  /** Whether {@code samples} of {@code steps} through {@code net} are a job for the scalar twin. */
  static boolean smallJob(int samples, int steps, org.snn4j.core.net.SequentialNet net) {
    long parameters = 0;
    for (var p : net.parameters()) {
      parameters += p.value().length;
    }
    return (double) samples * steps * parameters < SCALAR_BELOW;
  }

  /** Scores the model on the test set with {@code threads} workers and a progress bar, showing every batch to {@code observer}. */
  Evaluation run(CommonOptions common, int threads, EvaluationObserver observer) {
    try (WorkerPool pool = new WorkerPool(threads);
        TrainingLoop loop = TrainingLoop.evaluator(loaded.network(), encoder, loss, steps, common.batch, common.seed,
            pool)) {
      ProgressBar bar = new ProgressBar(System.err, "test", common.progress());
      Evaluation ev = loop.evaluate(test, bar, observer);
      bar.finish();
      return ev;
    }
  }
}
