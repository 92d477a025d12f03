package org.snn4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snn4j.core.train.Evaluation;
import org.snn4j.core.train.EvaluationObserver;
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
    ModelEvaluation m = ModelEvaluation.prepare(common, model, timesteps);
    int threads = common.threads();
    Evaluation ev = m.run(common, threads, EvaluationObserver.NONE);
    System.out.printf(Locale.ROOT, "test accuracy %.2f%% (%,d/%,d) on %s, %,.0f samples/s%n", ev.accuracyPercent(),
        ev.correct(), ev.samples(), m.location(), ev.samplesPerSecond());
    System.out.println(new JsonLine()
        .put("command", "eval")
        .put("model", model.toString())
        .put("dataset", common.dataset)
        .put("data", m.location().toString())
        .put("timesteps", m.steps())
        .put("threads", threads)
        .put("kernels", m.kernels().describe())
        .put("neuron", m.loaded().network().neuron().spec())
        .put("test_samples", ev.samples())
        .put("test_accuracy", ev.accuracyPercent())
        .put("test_loss", ev.meanLoss())
        .put("firing_rates", ev.firingRates())
        .put("infer_samples_per_s", ev.samplesPerSecond())
        .put("seconds", ev.seconds()));
    return 0;
  }
}
