package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code snn train} refuses before or during training: runs that cannot fit, and runs that diverge. */
class TrainingChecksTest {
  @TempDir static Path data;
  @TempDir Path work;

  @BeforeAll
  static void writeData() throws Exception {
    SmallFashionMnist.write(data, 300, 100);
  }

  private CliRun train(String... flags) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(), "--timesteps", "4",
        "--out", work.resolve("m.snn").toString(), "--no-progress"));
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The last line of stderr, where the error is, after checking that no stack trace came with it. */
  private static String error(CliRun run) {
    List<String> lines = run.errLines().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("snn: "), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    return last;
  }

  @Test
  void layersWhoseWeightsNoArrayCanHoldAreRefusedBeforeTraining() {
    CliRun run = train("--layers", "784,3000000,10");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("snn: --layers 784,3000000,10 with --batch 100 and T=4: layer 0's weights (inputs × outputs) would"
        + " hold 2,352,000,000 elements, more than one Java array holds (2,147,483,639); lower --layers", error(run));
  }

  /** Weights of about 38 GiB per copy: more than any heap this test runs with, and refused before any is made. */
  @Test
  void aNetworkLargerThanTheHeapIsRefusedBeforeTraining() {
    CliRun run = train("--layers", "784,2000000,1000,2000000,1000,2000000,10");
    assertEquals(2, run.exitCode(), run.err());
    String error = error(run);
    assertTrue(error.matches("snn: --layers 784,2000000,1000,2000000,1000,2000000,10 with --batch 100 and T=4:"
        + " training needs about [0-9.]+ GiB, the JVM has [0-9.]+ (GiB|MiB) \\([0-9.]+ (GiB|MiB) of it in use\\):"
        + " lower --layers or --batch, or set SNN_JAVA_OPTS=-Xmx[0-9]+g"), error);
    assertFalse(run.err().contains("snn: training "), "refused before the run starts: " + run.err());
  }

  @Test
  void aDivergingRunStopsWithAUserErrorAndWritesNoModel() {
    CliRun run = train("--layers", "784,40,10", "--epochs", "3", "--batch", "50", "--optimizer", "sgd", "--lr",
        "1e38");
    assertEquals(2, run.exitCode(), run.err());
    String error = error(run);
    assertTrue(error.matches("snn: training diverged in epoch \\d at batch \\d+ of 6: layer \\d's .*"), error);
    assertTrue(error.contains("lower learning rate (--lr, now 1.0E38)"), error);
    assertFalse(Files.exists(work.resolve("m.snn")), "no model of NaN weights is written");
    assertFalse(run.out().contains("\"command\":\"train\""), run.out());
  }
}
