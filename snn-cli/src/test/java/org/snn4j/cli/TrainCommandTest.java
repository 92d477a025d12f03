package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir static Path data;
  @TempDir Path work;

  @BeforeAll
  static void writeData() throws Exception {
    SmallFashionMnist.write(data, 600, 200);
  }

  private List<String> quick(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(), "--layers", "784,60,10",
        "--timesteps", "4", "--epochs", "2", "--batch", "50", "--lr", "5e-3", "--out", out.toString(),
        "--no-progress"));
    args.addAll(List.of(extra));
    return args;
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void trainsWritesAModelAndEndsWithAJsonSummaryThatEvalAgreesWith() throws Exception {
    Path model = work.resolve("m.snn");
    CliRun run = CliRun.of(quick(model).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    String json = run.lastOutLine();
    assertTrue(json.startsWith("{\"command\":\"train\""), json);
    double accuracy = number(json, "test_accuracy");
    assertTrue(accuracy > 40, "well above the 10% of chance after 2 short epochs: " + accuracy);
    checkTrainRates(run.out(), json);
    assertEquals(2, number(json, "epochs"));
    assertTrue(number(json, "seconds") > 0);
    assertEquals(2, run.out().lines().filter(l -> l.startsWith("epoch ")).count(), run.out());
    assertTrue(Files.size(model) > 784 * 60 * 4);

    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString(), "--batch", "50",
        "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(accuracy, number(eval.lastOutLine(), "test_accuracy"), 1e-9, "same model, same test spikes");
  }

  /**
   * The JSON names both training rates: the last epoch's is the one its epoch line prints; the whole run's mean lies
   * between the epochs' rates. The old ambiguous key is gone.
   */
  private static void checkTrainRates(String out, String json) {
    List<Double> epochRates = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^epoch \\d+/\\d+ +train loss \\S+ +([0-9,]+) samples/s").matcher(out);
    while (m.find()) {
      epochRates.add(Double.parseDouble(m.group(1).replace(",", "")));
    }
    assertEquals(2, epochRates.size(), out);
    double last = number(json, "train_samples_per_s_last_epoch");
    assertEquals(epochRates.get(1), last, 0.5 + 1e-9, "the last epoch's line rounds the same rate: " + json);
    double mean = number(json, "train_samples_per_s_mean");
    double lo = java.util.Collections.min(epochRates) - 0.5;
    double hi = java.util.Collections.max(epochRates) + 0.5;
    assertTrue(mean >= lo && mean <= hi, mean + " between the epochs' rates " + epochRates);
    assertFalse(json.contains("\"train_samples_per_s\":"), json);
  }

  @Test
  void sameSeedWritesByteIdenticalModelsWithOneAndTwoThreads() throws Exception {
    Path one = work.resolve("one.snn");
    Path two = work.resolve("two.snn");
    assertEquals(0, CliRun.of(quick(one, "--threads", "1", "--seed", "5").toArray(String[]::new)).exitCode());
    assertEquals(0, CliRun.of(quick(two, "--threads", "2", "--seed", "5").toArray(String[]::new)).exitCode());
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
    Path other = work.resolve("other.snn");
    assertEquals(0, CliRun.of(quick(other, "--threads", "2", "--seed", "6").toArray(String[]::new)).exitCode());
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(one), Files.readAllBytes(other)), "seed matters");
  }

  @Test
  void directEncodingFeedsAnalogCurrentsToTheFirstLayerAndLearns() throws Exception {
    Path model = work.resolve("direct.snn");
    CliRun run = CliRun.of(quick(model, "--encoder", "direct").toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(number(run.lastOutLine(), "test_accuracy") > 40, run.lastOutLine());
    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString(), "--batch", "50",
        "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(number(run.lastOutLine(), "test_accuracy"), number(eval.lastOutLine(), "test_accuracy"), 1e-9);
  }

  @Test
  void refusesToOverwriteAModelWithoutForce() throws Exception {
    Path model = work.resolve("keep.snn");
    Files.writeString(model, "precious");
    CliRun run = CliRun.of(quick(model).toArray(String[]::new));
    assertEquals(2, run.exitCode());
    assertTrue(run.errLines().contains("--force"), run.err());
    assertEquals("precious", Files.readString(model));
    assertEquals(0, CliRun.of(quick(model, "--force").toArray(String[]::new)).exitCode());
    assertFalse(Files.readString(model, java.nio.charset.StandardCharsets.ISO_8859_1).equals("precious"));
  }
}
