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

/** {@code snn train --net}: conv nets train, write version-2 models that eval reads, the same at any thread count. */
class NetCommandTest {
  private static final String NET = "conv6k3p1,lif,avgpool2,flatten,dense10,lif";
  /** Stride, max pooling and a second conv on pooled (analog) input. */
  private static final String DEEP = "conv6k3p1,lif,avgpool2,conv8k3s2,lif,maxpool2,flatten,dense10,lif";
  @TempDir static Path data;
  @TempDir Path work;

  @BeforeAll
  static void writeData() throws Exception {
    SmallFashionMnist.write(data, 600, 200);
  }

  private List<String> quick(Path out, String... extra) {
    return quick(NET, out, extra);
  }

  private List<String> quick(String net, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(), "--net", net,
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
  void aConvNetLearnsAndEvalReadsItsModel() throws Exception {
    Path model = work.resolve("conv.snn");
    CliRun run = CliRun.of(quick(model, "--threads", "2").toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    String json = run.lastOutLine();
    assertTrue(json.contains("\"net\":\"conv6k3p1,lif(decay=0.2;detach_reset=false;vth=0.5),avgpool2,flatten,"),
        json);
    double accuracy = number(json, "test_accuracy");
    assertTrue(accuracy > 40, "well above the 10% of chance after 2 short epochs: " + accuracy);
    Matcher rates = Pattern.compile("\"firing_rates\":\\[([^]]*)]").matcher(json);
    assertTrue(rates.find());
    assertEquals(2, rates.group(1).split(",").length, "one rate per spiking layer: " + json);
    assertEquals(2, java.nio.ByteBuffer.wrap(Files.readAllBytes(model), 8, 4).getInt(), "format version 2");

    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString(), "--batch", "50",
        "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(accuracy, number(eval.lastOutLine(), "test_accuracy"), 1e-9, "same model, same test spikes");
    assertEquals(number(json, "test_loss"), number(eval.lastOutLine(), "test_loss"), 1e-9);

  }

  @Test
  void dropoutTrainsFromTheCliAndEvalIgnoresIt() throws Exception {
    Path model = work.resolve("dropout.snn");
    CliRun run = CliRun.of(quick("conv6k3p1,lif,dropout0.2,avgpool2,flatten,dropout0.1,dense10,lif", model,
        "--threads", "2").toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    String json = run.lastOutLine();
    assertTrue(json.contains(",dropout0.2,avgpool2,flatten,dropout0.1,dense10,"), json);
    double accuracy = number(json, "test_accuracy");
    assertTrue(accuracy > 30, "well above the 10% of chance after 2 short epochs: " + accuracy);
    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString(), "--batch", "50",
        "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(accuracy, number(eval.lastOutLine(), "test_accuracy"), 1e-9, "evaluation runs without dropout");
    CliRun bad = CliRun.of("train", "--data-dir", data.toString(), "--net", "conv6k3p1,lif,dropout1.5,flatten,"
        + "dense10,lif", "--out", work.resolve("bad.snn").toString(), "--no-progress");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("'dropout1.5' (token 3) has probability 1.5"), bad.err());
  }

  @Test
  void neunormAndDropoutTrainFromTheCliAndEvalReadsTheModel() throws Exception {
    Path model = work.resolve("neunorm.snn");
    CliRun run = CliRun.of(quick("conv6k3p1,lif,neunorm,dropout0.2,avgpool2,flatten,dense10,lif", model,
        "--threads", "2").toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    String json = run.lastOutLine();
    assertTrue(json.contains(",neunorm(k=0.9),dropout0.2,avgpool2,flatten,dense10,"), json);
    double accuracy = number(json, "test_accuracy");
    assertTrue(accuracy > 30, "well above the 10% of chance after 2 short epochs: " + accuracy);
    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString(), "--batch", "50",
        "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(accuracy, number(eval.lastOutLine(), "test_accuracy"), 1e-9, "the stored w, the same accuracy");
    String[][] cases = {
      {"conv6k3p1,lif,flatten,dense10,lif,neunorm,dense10,lif", "'neunorm' (token 6) must come right after a conv"
          + " layer's neurons"},
      {"conv6k3p1,lif,neunorm(k=2),flatten,dense10,lif", "'neunorm(k=2)' (token 3) has k=2, which is not a number in"
          + " [0,1)"},
    };
    for (String[] c : cases) {
      CliRun bad = CliRun.of("train", "--data-dir", data.toString(), "--net", c[0], "--out",
          work.resolve("bad.snn").toString(), "--no-progress");
      assertEquals(2, bad.exitCode(), bad.err());
      assertTrue(bad.err().contains(c[1]), c[0] + " → " + bad.err());
      assertFalse(Files.exists(work.resolve("bad.snn")));
    }
  }

  @Test
  void oneAndTwoThreadsWriteTheSameModel() throws Exception {
    Path one = work.resolve("one.snn");
    Path two = work.resolve("two.snn");
    CliRun a = CliRun.of(quick(DEEP, one, "--threads", "1").toArray(String[]::new));
    CliRun b = CliRun.of(quick(DEEP, two, "--threads", "2").toArray(String[]::new));
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(0, b.exitCode(), b.err());
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), "1 and 2 threads write the same model");
    CliRun eval = CliRun.of("eval", "--model", two.toString(), "--data-dir", data.toString(), "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(number(b.lastOutLine(), "test_accuracy"), number(eval.lastOutLine(), "test_accuracy"), 1e-9);
  }

  @Test
  void badNetsAreOneLineNamingTheTokenBeforeAnyWork() {
    String[][] cases = {
      {"conv6k3p1,avgpool2", "'conv6k3p1' (token 1) needs its neurons next"},
      {"conv6k3p1,lif,dense10,lif", "'dense10' (token 3) needs a vector input, got [6,28,28]; put flatten before it"},
      {"flatten,dense4,lif", "--net ends with 4 outputs but"},
      {"conv6k3p1,nope,flatten,dense10,lif", "--net"},
    };
    for (String[] c : cases) {
      CliRun run = CliRun.of("train", "--data-dir", data.toString(), "--net", c[0], "--out",
          work.resolve("x.snn").toString(), "--no-progress");
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.err().contains(c[1]), c[0] + " → " + run.err());
      assertEquals(1, run.err().lines().filter(l -> l.startsWith("snn: ")).count(), run.err());
      assertFalse(run.err().contains("Exception"), run.err());
      assertFalse(Files.exists(work.resolve("x.snn")));
    }
    CliRun both = CliRun.of("train", "--net", "stbp-scnn", "--layers", "784,10");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("--layers and --net both describe the network"), both.err());
    CliRun neuron = CliRun.of("train", "--net", "stbp-scnn", "--neuron", "plif");
    assertTrue(neuron.err().contains("--neuron goes with --layers"), neuron.err());
    CliRun decay = CliRun.of("train", "--net", "dense10,plif", "--decay", "0.3");
    assertEquals(2, decay.exitCode());
    assertTrue(decay.err().contains("--decay: neuron 'plif' has no parameter 'decay'"), decay.err());
  }

  @Test
  void aNetTooLargeForArraysIsRefusedBeforeTraining() {
    CliRun run = CliRun.of("train", "--data-dir", data.toString(), "--net", "conv4096k3p1,lif,flatten,dense10,lif",
        "--batch", "600", "--out", work.resolve("big.snn").toString(), "--no-progress");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--net conv4096k3p1") && run.err().contains("lower --batch or --timesteps"),
        run.err());
    assertFalse(run.out().contains("epoch 1"), run.out());
  }
}
