package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataListCommandTest {
  @TempDir Path tmp;

  @Test
  void showsEachDatasetWithTheFolderTrainingWouldUse() throws Exception {
    SmallFashionMnist.write(tmp.resolve("kmnist"), 5, 5);
    CliRun run = CliRun.of("data", "list", "--data-dir", tmp.toString());
    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    for (String name : new String[] {"cifar10", "dvs-gesture", "fashion-mnist", "kmnist", "mnist", "nmnist"}) {
      assertTrue(out.lines().anyMatch(l -> l.startsWith(name + " ") || l.startsWith(name + "  ")), name + ": " + out);
    }
    assertTrue(out.contains("* " + tmp.resolve("kmnist")), out);
    assertTrue(out.contains("train+test"), out);
    assertTrue(out.contains("(snn data fetch cifar10)"), out);
  }
}
