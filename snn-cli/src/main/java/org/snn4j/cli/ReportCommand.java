package org.snn4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.train.Evaluation;
import org.snn4j.datasets.DataLocation;
import org.snn4j.report.ModelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code snn report}: pictures of a saved model over the test set (spike raster, firing-rate histograms, confusion
 * matrix), their numbers as report.json, and an index.html.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
    "Draw a model's spike raster (the first test samples through every layer with neurons), each layer's"
        + " firing-rate histogram over the test set and the confusion matrix, with report.json and index.html.",
    "Prints the folder's index.html path and, last on stdout, a JSON summary."})
final class ReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--model", required = true, description = "Model file written by 'snn train'.")
  Path model;

  @Option(names = "--out", defaultValue = "report", paramLabel = "DIR",
      description = "Folder to write the report into (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--samples", defaultValue = "4", paramLabel = "N",
      description = "Test samples the spike raster shows, 0 to 64 (default: ${DEFAULT-VALUE}; 0 for no raster).")
  int samples;

  @Option(names = "--timesteps", description = "Time steps T (default: the model's).")
  Integer timesteps;

  @Override
  public Integer call() throws Exception {
    common.validate();
    if (samples < 0 || samples > 64) {
      throw new UsageException("--samples must be between 0 and 64, got " + samples);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out: " + out + " is not a folder; name a folder");
    }
    ModelEvaluation m = ModelEvaluation.prepare(common, model, timesteps);
    ModelFile.Loaded loaded = m.loaded();
    int steps = m.steps();
    SpikeEncoder encoder = m.encoder();
    DataLocation location = m.location();
    int threads = common.threads();
    ModelReport report = new ModelReport(loaded.network(), Math.min(samples, m.test().size()));
    Evaluation ev = m.run(common, threads, report);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("model", model.toString());
    settings.put("net", NetSpec.of(loaded.network()).toString());
    settings.put("dataset", common.dataset);
    settings.put("data", location.toString());
    settings.put("timesteps", steps);
    settings.put("encoder", encoder.toString());
    settings.put("seed", common.seed);
    report.write(out, settings, ev);
    Path index = out.resolve("index.html");
    System.err.println("snn: wrote " + index);
    System.out.printf(Locale.ROOT, "test accuracy %.2f%% (%,d/%,d) on %s; report in %s%n", ev.accuracyPercent(),
        ev.correct(), ev.samples(), location, out);
    System.out.println(new JsonLine()
        .put("command", "report")
        .put("model", model.toString())
        .put("dataset", common.dataset)
        .put("test_samples", ev.samples())
        .put("test_accuracy", ev.accuracyPercent())
        .put("raster_samples", Math.min(samples, m.test().size()))
        .put("report", index.toString()));
    return 0;
  }
}
