package org.snn4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.snn4j.api.Optimizer;
import org.snn4j.core.io.Checkpoint;
import org.snn4j.core.io.ModelFormatException;
import org.snn4j.core.io.ModelTarget;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.optim.CheckpointableOptimizer;
import org.snn4j.core.train.EpochProgress;
import picocli.CommandLine.Option;

/**
 * {@code snn train}'s {@code --checkpoint FILE}, {@code --checkpoint-every N|Ne} and {@code --resume FILE}: when a
 * checkpoint is due, what it records of the command line (the settings a resumed run must repeat, flag by flag),
 * and the run's totals so far, which the final JSON summary adds up.
 */
final class CheckpointOptions {
  /** Header key prefix of the run's totals (not flags). */
  static final String TOTALS = "run.";

  @Option(names = "--checkpoint", paramLabel = "FILE", description = {
      "Save the training state to FILE every --checkpoint-every (written to a temporary file and moved into place,"
          + " replacing the previous one), so that --resume FILE can continue an interrupted run. An existing FILE"
          + " needs --force, unless it is the --resume file."})
  Path file;

  @Option(names = "--checkpoint-every", paramLabel = "N|Ne", description = {
      "How often --checkpoint is written: every N training batches, counted over the whole run (e.g. 200), or every N"
          + " epochs, after the epoch's last batch (e.g. 1e) (default: 1e)."})
  String every;

  @Option(names = "--resume", paramLabel = "FILE", description = {
      "Continue the run that saved the checkpoint FILE: the final model is the one the run would have written"
          + " without the interruption, byte for byte. Give the same flags as that run; --epochs (not below the"
          + " checkpoint's epoch), --threads, --test-limit, --out, --force and the checkpoint flags may differ."})
  Path resume;

  private int everyBatches;
  private int everyEpochs = 1;

  /** Checks the flags together (before any file is read). */
  void validate() {
    if (every != null) {
      if (file == null) {
        throw new UsageException("--checkpoint-every needs --checkpoint FILE");
      }
      String v = every.strip().toLowerCase(Locale.ROOT);
      boolean epochs = v.endsWith("e");
      long n;
      try {
        n = Long.parseLong(epochs ? v.substring(0, v.length() - 1) : v);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > Integer.MAX_VALUE) {
        throw new UsageException("--checkpoint-every must be a number of batches N or of epochs Ne, each at least 1"
            + " (e.g. 200 or 1e), got '" + every + "'");
      }
      everyBatches = epochs ? 0 : (int) n;
      everyEpochs = epochs ? (int) n : 0;
    }
    for (Path p : new Path[] {file, resume}) {
      if (p != null && Files.isDirectory(p)) {
        throw new UsageException((p == file ? "--checkpoint " : "--resume ") + p + " is a folder; name a file");
      }
    }
  }

  /** When checkpoints are due, for the start-up line. */
  String describe() {
    return file + " every " + (everyBatches > 0 ? everyBatches + " batches" : everyEpochs == 1 ? "epoch"
        : everyEpochs + " epochs");
  }

  /**
   * The checkpoint {@code --resume} names, read and checked (null without {@code --resume}).
   *
   * @throws UsageException if there is no such file
   * @throws ModelFormatException if it is damaged or not a checkpoint, naming the file and the field
   */
  Checkpoint readResume() throws IOException {
    if (resume == null) {
      return null;
    }
    try {
      return Checkpoint.read(resume);
    } catch (NoSuchFileException e) {
      throw new UsageException("--resume " + resume + ": no such file");
    }
  }

  /**
   * Checked before training, as {@code --out} is: the checkpoint may be replaced (with {@code --force}, or when it is
   * the file being resumed), its folder exists (missing folders are made now) and accepts a new file.
   */
  void checkTarget(boolean force) throws IOException {
    if (file == null) {
      return;
    }
    if (!force && Files.exists(file) && !(resume != null && Files.exists(resume) && Files.isSameFile(file, resume))) {
      throw new FileAlreadyExistsException(file.toString(), null,
          "exists; pass --force to overwrite it, or --resume it");
    }
    try {
      ModelTarget.createFolder(file);
      ModelTarget.checkWritable(file);
    } catch (FileSystemException e) {
      throw new UsageException("--checkpoint " + file + ": " + e.getFile() + " " + e.getReason()
          + "; choose another --checkpoint");
    }
  }

  /** The optimizer as one whose state a checkpoint saves; every built-in optimizer is. */
  static CheckpointableOptimizer checkpointable(Optimizer optimizer) {
    if (optimizer instanceof CheckpointableOptimizer c) {
      return c;
    }
    throw new UsageException("--optimizer " + optimizer.name() + " cannot be saved in a checkpoint");
  }

  /**
   * Refuses a resume whose settings differ from the checkpoint's, naming the first flag that differs (in the order
   * of {@code settings}).
   */
  static void checkSettings(Checkpoint c, Map<String, String> settings) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String flag = e.getKey();
      String saved = c.header().get(flag);
      if (saved == null && flag.equals("--layers") && c.header().containsKey("--net")) {
        throw mismatch(c, "--net " + c.header().get("--net"), "--layers " + e.getValue());
      }
      if (saved == null && flag.equals("--net") && c.header().containsKey("--layers")) {
        throw mismatch(c, "--layers " + c.header().get("--layers"), "--net " + e.getValue());
      }
      if (saved == null) {
        throw new UsageException("--resume " + c.file() + ": the checkpoint does not record " + flag
            + "; it was not made by this snn train");
      }
      if (!saved.equals(e.getValue())) {
        throw flag.startsWith("--")
            ? mismatch(c, flag + " " + saved, flag + " " + e.getValue())
            : new UsageException("--resume " + c.file() + ": the checkpoint was made with " + saved + " " + flag
                .replace('_', ' ') + ", this run has " + e.getValue() + " (check --dataset, --data-dir and"
                + " --train-limit)");
      }
    }
  }

  private static UsageException mismatch(Checkpoint c, String saved, String now) {
    return new UsageException("--resume " + c.file() + ": the checkpoint was made with " + saved + ", this run has "
        + now + "; give the flags of the run it saved");
  }

  /** A total of the run so far that the checkpoint recorded ({@code run.KEY}), or 0 without a checkpoint. */
  static double total(Checkpoint c, String key) throws ModelFormatException {
    if (c == null) {
      return 0;
    }
    String v = c.header().get(TOTALS + key);
    try {
      double d = Double.parseDouble(v == null ? "" : v);
      if (d >= 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ModelFormatException("the checkpoint " + c.file() + " has " + TOTALS + key + "=" + v
        + " in its header, which is not a number >= 0");
  }

  /**
   * Whether a checkpoint is due after a batch: every {@code N} batches of the run ({@code (epoch - 1) ·
   * batchesPerEpoch + batchesDone}), or after the last batch of every {@code N}-th epoch.
   */
  boolean due(int epoch, int batchesDone, int batchesPerEpoch) {
    if (file == null) {
      return false;
    }
    if (everyBatches > 0) {
      return ((long) (epoch - 1) * batchesPerEpoch + batchesDone) % everyBatches == 0;
    }
    return batchesDone == batchesPerEpoch && epoch % everyEpochs == 0;
  }

  /** Writes the checkpoint, with the settings and the totals; an I/O error leaves as an unchecked one. */
  void write(SequentialNet net, CheckpointableOptimizer optimizer, int epoch, EpochProgress progress,
      Map<String, String> settings, Map<String, Double> totals) {
    Map<String, String> extra = new LinkedHashMap<>(settings);
    totals.forEach((k, v) -> extra.put(TOTALS + k, Double.toString(v)));
    try {
      Checkpoint.write(file, net, optimizer, epoch, progress, extra);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
