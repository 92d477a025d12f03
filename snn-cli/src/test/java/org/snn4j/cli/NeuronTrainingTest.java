package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.PluginKind;
import org.snn4j.plugins.PluginCatalog;
import org.snn4j.testkit.PluginJar;

/**
 * {@code --neuron}: every built-in neuron trains and learns in one short epoch on a Fashion-MNIST subset, and
 * {@code snn eval} loads its model; the generic path is reproducible across thread counts; a neuron from a plugin
 * jar trains and evaluates too.
 */
class NeuronTrainingTest {
  @TempDir static Path data;
  @TempDir static Path plugins;
  @TempDir Path work;

  @BeforeAll
  static void writeDataAndPlugin() throws Exception {
    SmallFashionMnist.write(data, 2000, 200);
    PluginJar.builder().source("com.example.soft.Neuron", PluginSources.neuron("com.example.soft", "soft-lif"))
        .service(NeuronFactory.class, "com.example.soft.Neuron").write(plugins.resolve("soft-lif.jar"));
  }

  static List<String> neurons() {
    try (PluginCatalog c = PluginCatalog.load(NeuronTrainingTest.class.getClassLoader())) {
      return c.registry(PluginKind.NEURON).names();
    }
  }

  private static List<String> quick(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(), "--layers", "784,60,10",
        "--timesteps", "4", "--epochs", "1", "--batch", "50", "--lr", "2e-3", "--out", out.toString(),
        "--no-progress"));
    args.addAll(List.of(extra));
    return args;
  }

  private static String text(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return m.group(1);
  }

  @Test
  void theFourBuiltInNeuronsAreThere() {
    assertEquals(List.of("alif", "if", "lif", "plif"), neurons());
  }

  @ParameterizedTest
  @MethodSource("neurons")
  void learnsInOneShortEpochAndEvalLoadsTheModel(String neuron) {
    Path model = work.resolve(neuron + ".snn");
    CliRun run = CliRun.of(quick(model, "--neuron", neuron).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    double accuracy = PluginFolderTest.accuracy(run);
    // 56% to 75% over seeds 0-3 for every built-in neuron
    assertTrue(accuracy > 40, neuron + ": " + accuracy + "% is not clearly above the 10% of chance");
    String spec = text(run.lastOutLine(), "neuron");
    assertTrue(spec.startsWith(neuron.equals("if") ? "lif:decay=1.0" : neuron + ":"), spec);

    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString(), "--batch", "50",
        "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(accuracy, PluginFolderTest.accuracy(eval), 1e-9, neuron + ": same model, same test spikes");
  }

  @Test
  void genericPathWritesByteIdenticalModelsWithOneAndTwoThreads() throws Exception {
    Path one = work.resolve("one.snn");
    Path two = work.resolve("two.snn");
    for (Path p : List.of(one, two)) {
      String threads = p == one ? "1" : "2";
      CliRun run = CliRun.of(quick(p, "--neuron", "alif:beta=0.5", "--threads", threads, "--seed", "3",
          "--train-limit", "300").toArray(String[]::new));
      assertEquals(0, run.exitCode(), run.err());
    }
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
  }

  @Test
  void lifFlagsFillTheNeuronsParameters() throws Exception {
    List<String> tiny = List.of("--train-limit", "100", "--test-limit", "50", "--layers", "784,10");
    CliRun alif = CliRun.of(concat(quick(work.resolve("a.snn"), "--neuron", "alif:rho=0.5", "--decay", "0.5",
        "--vth", "0.25", "--detach-reset"), tiny));
    assertEquals(0, alif.exitCode(), alif.err());
    assertEquals("alif:beta=0.2,decay=0.5,detach_reset=true,rho=0.5,vth=0.25", text(alif.lastOutLine(), "neuron"));

    // the paper's LIF by default, so the flags and the spec make the same model
    Path byDefault = work.resolve("default.snn");
    Path byFlags = work.resolve("flags.snn");
    Path bySpec = work.resolve("spec.snn");
    CliRun run = CliRun.of(concat(quick(byDefault), tiny));
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("lif:decay=0.2,detach_reset=false,vth=0.5", text(run.lastOutLine(), "neuron"));
    assertEquals(0, CliRun.of(concat(quick(byFlags, "--decay", "0.2", "--vth", "0.5"), tiny)).exitCode());
    assertEquals(0, CliRun.of(concat(quick(bySpec, "--neuron", "LIF:vth=0.5,decay=0.2"), tiny)).exitCode());
    assertArrayEquals(Files.readAllBytes(byDefault), Files.readAllBytes(byFlags));
    assertArrayEquals(Files.readAllBytes(byDefault), Files.readAllBytes(bySpec));
  }

  @Test
  void aNeuronFromAPluginJarTrainsAndEvalLoadsItsModel() {
    Path model = work.resolve("soft.snn");
    List<String> args = new ArrayList<>(List.of("--plugins", plugins.toString()));
    args.addAll(quick(model, "--neuron", "soft-lif", "--decay", "0.3"));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("soft-lif:decay=0.3,vth=0.5", text(run.lastOutLine(), "neuron"));
    double accuracy = PluginFolderTest.accuracy(run);
    assertTrue(accuracy > 40, "soft-lif: " + accuracy + "%");

    CliRun eval = CliRun.of("--plugins", plugins.toString(), "eval", "--model", model.toString(), "--data-dir",
        data.toString(), "--batch", "50", "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(accuracy, PluginFolderTest.accuracy(eval), 1e-9);
    CliRun without = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString());
    assertEquals(2, without.exitCode());
    assertTrue(without.errLines().contains("names neuron 'soft-lif', which no loaded plugin provides")
        && without.errLines().contains("--plugins"), without.err());
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }
}
