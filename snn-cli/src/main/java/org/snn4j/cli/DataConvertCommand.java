package org.snn4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.snn4j.api.Dataset;
import org.snn4j.api.Split;
import org.snn4j.datasets.DataLocation;
import org.snn4j.datasets.DataLocator;
import org.snn4j.datasets.events.NmnistConverter;
import org.snn4j.datasets.events.NmnistReader;
import org.snn4j.datasets.events.SaccadeSimulator;
import org.snn4j.datasets.idx.IdxDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snn data convert-nmnist}: simulates the N-MNIST recording of an IDX image set and writes N-MNIST event
 * files, so the event pipeline can be trained on data the machine already has.
 */
@Command(
    name = "convert-nmnist",
    mixinStandardHelpOptions = true,
    description = {
      "Turn an IDX image set into N-MNIST event files by simulating the recording.",
      "Writes OUT/Train|Test/<label>/*.bin from Fashion-MNIST (or --dataset): three saccades, a log-intensity",
      "threshold per pixel. Train on the result with --dataset nmnist --data-dir OUT --layers 2312,800,10."
    })
final class DataConvertCommand implements Callable<Integer> {
  @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "IDX dataset to convert (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(names = "--data-dir", description = "Folder holding its IDX files (default: searched as for 'snn train').")
  Path dataDir;

  @Option(names = "--out", required = true, description = "Folder to write Train/ and Test/ into.")
  Path out;

  @Option(names = "--train-limit", description = "Convert only the first N training images.")
  Integer trainLimit;

  @Option(names = "--test-limit", description = "Convert only the first N test images.")
  Integer testLimit;

  @Option(names = "--threshold", defaultValue = "0.5", description = "Contrast threshold C, log-intensity units (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--spread", defaultValue = "0.1", description = "Relative spread of the per-pixel thresholds (default: ${DEFAULT-VALUE}).")
  double spread;

  @Option(names = "--sensor-seed", defaultValue = "0", description = "Seed of the per-pixel thresholds (default: ${DEFAULT-VALUE}).")
  long sensorSeed;

  @Option(names = "--force", description = "Write into an output folder that already holds N-MNIST files.")
  boolean force;

  @Option(names = "--verbose", description = "Print stack traces with errors.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    if (trainLimit != null && trainLimit < 1 || testLimit != null && testLimit < 1) {
      throw new UsageException("--train-limit and --test-limit must be > 0");
    }
    SaccadeSimulator simulator;
    try {
      simulator = new SaccadeSimulator(threshold, spread, sensorSeed, 1000);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--threshold/--spread: " + e.getMessage());
    }
    for (Split s : Split.values()) {
      Path split = NmnistReader.splitFolder(out, s);
      if (!force && split != null && hasFiles(split)) {
        throw new UsageException("--out: " + split + " already holds files; pass --force to write over them");
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out: " + out + " is not a folder");
    }
    DataLocation location = DataLocator.forThisMachine().locate(dataset, dataDir);
    if (location.notice() != null) {
      err.println(location.notice());
    }
    NmnistConverter converter = new NmnistConverter(simulator);
    long started = System.nanoTime();
    NmnistConverter.Result[] results = new NmnistConverter.Result[2];
    for (Split s : Split.values()) {
      Dataset d = location.read(s);
      if (!(d instanceof IdxDataset idx)) {
        throw new UsageException("--dataset " + dataset + " is not an IDX image set; convert-nmnist takes MNIST-style"
            + " 28x28 images");
      }
      Integer limit = s == Split.TRAIN ? trainLimit : testLimit;
      err.printf(Locale.ROOT, "snn: simulating %,d %s recordings of %s%n",
          limit == null ? idx.size() : Math.min(limit, idx.size()), s.name().toLowerCase(Locale.ROOT), idx.source());
      results[s.ordinal()] = converter.convert(idx, s, out, limit);
    }
    converter.describe(out, location.toString(), results[0], results[1]);
    double seconds = (System.nanoTime() - started) / 1e9;
    err.printf(Locale.ROOT, "snn: wrote %s (%.1f s); train with --dataset nmnist --data-dir %s --layers 2312,800,10%n",
        out, seconds, out);
    System.out.println(new JsonLine()
        .put("command", "data convert-nmnist")
        .put("source", location.toString())
        .put("out", out.toString())
        .put("train_samples", results[0].samples())
        .put("test_samples", results[1].samples())
        .put("mean_events", (results[0].events() + results[1].events())
            / (double) Math.max(1, results[0].samples() + results[1].samples()))
        .put("threshold", threshold)
        .put("seconds", seconds));
    return 0;
  }

  private static boolean hasFiles(Path split) throws java.io.IOException {
    try (Stream<Path> s = Files.list(split)) {
      return s.findAny().isPresent();
    }
  }
}
