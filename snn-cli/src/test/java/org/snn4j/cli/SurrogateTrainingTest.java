package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.api.PluginKind;
import org.snn4j.plugins.PluginCatalog;

/** Every built-in surrogate trains and learns: one short epoch on a Fashion-MNIST subset beats chance clearly. */
class SurrogateTrainingTest {
  @TempDir static Path data;
  @TempDir Path work;

  @BeforeAll
  static void writeData() throws Exception {
    SmallFashionMnist.write(data, 600, 200);
  }

  static List<String> surrogates() {
    try (PluginCatalog c = PluginCatalog.load(SurrogateTrainingTest.class.getClassLoader())) {
      return c.registry(PluginKind.SURROGATE).names();
    }
  }

  @Test
  void thereAreAtLeastTenBuiltInSurrogates() {
    assertTrue(surrogates().size() >= 10, surrogates().toString());
  }

  @ParameterizedTest
  @MethodSource("surrogates")
  void learnsInOneShortEpoch(String surrogate) {
    CliRun run = CliRun.of("train", "--surrogate", surrogate, "--data-dir", data.toString(), "--layers", "784,60,10",
        "--timesteps", "4", "--epochs", "1", "--batch", "50", "--lr", "5e-3", "--out",
        work.resolve("m.snn").toString(), "--no-progress");
    assertEquals(0, run.exitCode(), run.err());
    double accuracy = PluginFolderTest.accuracy(run);
    assertTrue(accuracy > 30, surrogate + ": " + accuracy + "% is not clearly above the 10% of chance");
  }
}
