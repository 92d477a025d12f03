package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.testkit.PluginJar;

/** {@code snn plugins}: every kind, each plugin with its parameters, defaults and origin. */
class PluginsCommandTest {
  @Test
  void listsTheNeuronsAndAtLeastTenSurrogatesWithParametersDefaultsAndOrigin() {
    CliRun run = CliRun.of("plugins");
    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    assertTrue(out.contains("plugin folders: none"), out);
    List<String> surrogates = section(out, "surrogates");
    assertTrue(surrogates.size() >= 10, out);
    for (String[] expected : new String[][] {
        {"rectangular", "a=1"}, {"polynomial", "a=1"}, {"sigmoid", "a=0.3"}, {"gaussian", "a=0.3"},
        {"atan", "alpha=2"}, {"fast-sigmoid", "alpha=2"}, {"piecewise-exp", "alpha=1"}, {"erf", "alpha=2"},
        {"triangle", "alpha=1"}, {"straight-through", "-"}}) {
      String line = surrogates.stream().filter(l -> l.strip().startsWith(expected[0] + " ")).findFirst()
          .orElseThrow(() -> new AssertionError(expected[0] + " missing in:\n" + out));
      assertTrue(line.contains(" " + expected[1] + " "), line);
      assertTrue(line.contains("h(z)"), "formula shown: " + line);
      assertTrue(line.contains("snn-surrogates"), "origin shown: " + line);
    }
    List<String> neurons = section(out, "neurons");
    assertEquals(4, neurons.size(), out);
    for (String[] expected : new String[][] {
        {"lif", "decay=0.2,vth=0.5,detach_reset=false"}, {"if", "vth=0.5,detach_reset=false"},
        {"plif", "init_decay=0.2,vth=0.5,detach_reset=false"}, {"alif", "decay=0.2,vth=0.5,beta=0.2,rho=0.9"}}) {
      String line = neurons.stream().filter(l -> l.strip().startsWith(expected[0] + " ")).findFirst()
          .orElseThrow(() -> new AssertionError(expected[0] + " missing in:\n" + out));
      assertTrue(line.contains(" " + expected[1]), line);
      assertTrue(line.contains("snn-core-simd"), "origin shown: " + line);
    }
    assertTrue(out.indexOf("neurons (4):") < out.indexOf("surrogates ("), "neurons are listed first:\n" + out);
    assertTrue(section(out, "encoders").stream().anyMatch(l -> l.strip().startsWith("rate ")), out);
    assertTrue(section(out, "datasets").stream().anyMatch(l -> l.strip().startsWith("fashion-mnist ")), out);
    assertTrue(!out.contains("problems"), out);
  }

  @Test
  void snnPluginsEnvironmentVariableNamesThePluginFolders(@TempDir Path a, @TempDir Path b) throws Exception {
    PluginJar.builder().source("com.example.a.Curve", PluginSources.surrogate("com.example.a", "from-a", ""))
        .service(SurrogateFactory.class, "com.example.a.Curve").write(a.resolve("a.jar"));
    PluginJar.builder().source("com.example.b.Curve", PluginSources.surrogate("com.example.b", "from-b", ""))
        .service(SurrogateFactory.class, "com.example.b.Curve").write(b.resolve("b.jar"));
    String out = runInNewJvm(a + File.pathSeparator + b, "plugins");
    assertTrue(out.contains("plugin folders: " + a + ", " + b), out);
    assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("from-a ") && l.contains("a.jar")), out);
    assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("from-b ") && l.contains("b.jar")), out);
  }

  /** The lines of one kind's section. */
  private static List<String> section(String out, String title) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String l : out.lines().toList()) {
      if (l.startsWith(title + " (")) {
        in = true;
      } else if (!l.startsWith("  ")) {
        in = false;
      } else if (in) {
        lines.add(l);
      }
    }
    return lines;
  }

  /** Runs snn in a fresh JVM with $SNN_PLUGINS set, and returns its stdout. */
  private static String runInNewJvm(String snnPlugins, String... args) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dguice_bytecode_gen_option=DISABLED", "-cp", cp, Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("SNN_PLUGINS", snnPlugins);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "snn did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
