package org.snn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snn4j.core.train.EpochResult;
import org.snn4j.core.train.Evaluation;
import org.snn4j.report.EpochRecord;
import org.snn4j.report.TrainingReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code snn train --report DIR}: the learning curves as PNG and SVG, the per-epoch numbers as report.json and an
 * index.html, rewritten after every epoch (so the folder shows the run so far).
 */
final class ReportOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private Path dir;
  private TrainingReport report;

  @Option(names = "--report", paramLabel = "DIR", description = "Write the learning curves (loss, train and test"
      + " accuracy, learning rate per epoch) as PNG and SVG, report.json and index.html into DIR after every epoch.")
  void setReport(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--report: " + dir + " is not a folder; name a folder");
    }
    this.dir = dir;
  }

  /**
   * Adds an epoch and rewrites the report, when {@code --report} was given.
   *
   * @param settings the run's settings, shown on the page
   * @param learningRate the optimizer's learning rate during the epoch (where a schedule's value is read)
   */
  void epoch(Map<String, String> settings, EpochResult train, Evaluation test, double learningRate) {
    if (dir == null) {
      return;
    }
    try {
      if (report == null) {
        // a resumed run keeps the epochs before it from the folder's report of the same settings
        report = TrainingReport.resume(dir, settings, train.epoch());
      }
    } catch (IOException e) {
      throw new UsageException("--report " + dir + ": cannot read its report.json (" + e.getMessage()
          + "); choose another folder");
    }
    report.add(new EpochRecord(train.epoch(), train.meanLoss(), train.trainAccuracyPercent(),
        test.accuracyPercent(), test.meanLoss(), learningRate, train.seconds()));
    try {
      report.write(dir);
    } catch (IOException e) {
      throw new UsageException("--report " + dir + ": cannot write the report (" + e + "); choose another folder");
    }
  }
}
