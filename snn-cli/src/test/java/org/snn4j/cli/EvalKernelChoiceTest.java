package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.SequentialNet;

/**
 * {@code snn eval} of a small job runs the scalar twin (no Vector API warm-up) and a large one the selected twin,
 * with the same accuracy and loss to every digit; {@code -Dsnn.simd} overrides the choice. Each case is a new JVM,
 * since the twin is chosen once per JVM.
 */
class EvalKernelChoiceTest {
  @TempDir static Path data;
  @TempDir static Path work;
  private static Path model;

  @BeforeAll
  static void trainModel() throws Exception {
    SmallFashionMnist.write(data, 600, 400);
    model = work.resolve("m.snn");
    CliRun r = CliRun.of("train", "--data-dir", data.toString(), "--layers", "784,32,10", "--timesteps", "4",
        "--epochs", "1", "--batch", "50", "--lr", "5e-3", "--out", model.toString(), "--no-progress");
    assertEquals(0, r.exitCode(), r.err());
  }

  /** The JSON line of {@code snn eval} in a new JVM, with {@code -Dsnn.simd=simd} unless it is null. */
  private static String eval(String simd, String... extra) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules=jdk.incubator.vector", "-Dguice_bytecode_gen_option=DISABLED"));
    if (simd != null) {
      command.add("-Dsnn.simd=" + simd);
    }
    command.addAll(List.of("-cp", cp, Main.class.getName(), "eval", "--model", model.toString(), "--data-dir",
        data.toString(), "--no-progress"));
    command.addAll(List.of(extra));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":");
    assertTrue(at >= 0, json);
    int from = at + name.length() + 3;
    int to = from;
    while (to < json.length() && json.charAt(to) != ',' && json.charAt(to) != '}') {
      to++;
    }
    return json.substring(from, to);
  }

  @Test
  void aSmallEvalRunsTheScalarTwinWithTheSameResults() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "needs the Vector API to tell twins apart");
    String small = eval(null, "--test-limit", "300");
    assertEquals("\"scalar\"", field(small, "kernels"), small);
    String vector = eval("vector", "--test-limit", "300");
    assertTrue(field(vector, "kernels").startsWith("\"vector"), vector);
    assertEquals(field(vector, "test_accuracy"), field(small, "test_accuracy"));
    assertEquals(field(vector, "test_loss"), field(small, "test_loss"));
    String whole = eval(null); // no --test-limit: the whole test split, sized only once read, keeps the selection
    assertFalse(field(whole, "kernels").equals("\"scalar\""), whole);
  }

  @Test
  void theThresholdCountsSamplesStepsAndParameters() {
    SequentialNet readme = SequentialNet.mlp(new int[] {784, 800, 10}, LifNeuron.PAPER, 0, Kernels.get());
    assertTrue(ModelEvaluation.smallJob(1000, 10, readme));
    assertTrue(ModelEvaluation.smallJob(2900, 10, readme));
    assertFalse(ModelEvaluation.smallJob(3100, 10, readme));
    assertFalse(ModelEvaluation.smallJob(1000, 40, readme));
  }
}
