package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input ends with exit code 2 and one readable line on stderr, with a stack trace only on --verbose. */
class BadInputTest {
  @TempDir Path work;

  private CliRun train(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "train";
    args[1] = "--out";
    args[2] = work.resolve("m.snn").toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return CliRun.of(args);
  }

  private static void assertOneLine(CliRun run, String... fragments) {
    assertEquals(2, run.exitCode(), run.err());
    String err = run.errLines().strip();
    assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    assertTrue(err.startsWith("snn: "), err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' missing in: " + err);
    }
  }

  @Test
  void unknownPluginAndNamesListTheKnownOnes() {
    assertOneLine(train("--surrogate", "triangle-wave"), "--surrogate", "triangle-wave", "rectangular", "sigmoid");
    assertOneLine(train("--surrogate", "sigmoid:b=2"), "--surrogate", "'b'");
    assertOneLine(train("--surrogate", "sigmoid:a=0"), "--surrogate", "'a'");
    assertOneLine(train("--loss", "hinge"), "--loss", "hinge", "mse");
    assertOneLine(train("--optimizer", "rmsprop"), "--optimizer", "rmsprop", "adam");
    assertOneLine(train("--encoder", "morse"), "--encoder", "morse", "rate");
  }

  @Test
  void nonPositiveNumbers() {
    assertOneLine(train("--layers", "784,0,10"), "--layers");
    assertOneLine(train("--layers", "784"), "--layers");
    assertOneLine(train("--timesteps", "0"), "--timesteps");
    assertOneLine(train("--epochs", "-1"), "--epochs");
    assertOneLine(train("--batch", "0"), "--batch");
    assertOneLine(train("--lr", "0"), "--lr");
    assertOneLine(train("--lr", "-0.1"), "--lr");
    assertOneLine(train("--threads", "0"), "--threads");
    assertOneLine(train("--decay", "1.5"), "--decay");
    assertOneLine(train("--lr", "fast"), "--lr", "fast");
  }

  @Test
  void missingDataAndFiles() {
    Path nowhere = work.resolve("nowhere");
    assertOneLine(train("--data-dir", nowhere.toString()), nowhere.toString(), "dataset-fashion-mnist");
    assertOneLine(train("--dataset", "cifar-99"), "cifar-99", "fashion-mnist");
    assertOneLine(CliRun.of("eval", "--model", work.resolve("none.snn").toString()), "none.snn");
  }

  @Test
  void malformedIdxNamesTheFileAndOffset() throws Exception {
    Path dir = SmallFashionMnist.write(work.resolve("data"), 50, 20);
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    byte[] b = Files.readAllBytes(labels);
    b[8 + 7] = 42; // label of sample 7 outside the 10 classes
    Files.write(labels, b);
    assertOneLine(train("--data-dir", dir.toString(), "--no-progress"), "train-labels-idx1-ubyte", "byte 15");

    Files.write(dir.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0});
    b[8 + 7] = 1;
    Files.write(labels, b);
    assertOneLine(train("--data-dir", dir.toString(), "--no-progress"), "t10k-images-idx3-ubyte", "byte");
  }

  @Test
  void malformedModel() throws Exception {
    Path model = work.resolve("bad.snn");
    Files.writeString(model, "not a model");
    assertOneLine(CliRun.of("eval", "--model", model.toString()), "bad.snn", "byte 0");
  }

  @Test
  void verbosePrintsTheStackTrace() {
    CliRun run = train("--loss", "hinge", "--verbose");
    assertEquals(2, run.exitCode());
    assertTrue(run.errLines().lines().count() > 1, run.err());
    assertTrue(run.err().contains("\tat "), run.err());
  }

  @Test
  void unknownFlagIsAUsageError() {
    CliRun run = train("--epoch", "3");
    assertEquals(2, run.exitCode());
    assertTrue(run.errLines().contains("--epoch"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void pluginsListsTheSurrogatesWithParametersAndOrigin() {
    CliRun run = CliRun.of("plugins");
    assertEquals(0, run.exitCode(), run.err());
    for (String name : new String[] {"rectangular", "polynomial", "sigmoid", "gaussian", "rate", "fashion-mnist"}) {
      assertTrue(run.out().contains(name), name + " missing in:\n" + run.out());
    }
    assertTrue(run.out().contains("a=1"), run.out());
    assertTrue(run.out().contains("snn-surrogates"), "origin jar or folder shown:\n" + run.out());
  }
}
