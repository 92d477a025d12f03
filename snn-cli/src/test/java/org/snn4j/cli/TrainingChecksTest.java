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

  /** The last line of stderr, where the error is, after checking it is the only line that starts "snn: " twice. */
  private static String error(CliRun run) {
    List<String> lines = run.errLines().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("snn: "), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    return last;
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
