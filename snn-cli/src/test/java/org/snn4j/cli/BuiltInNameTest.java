package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.testkit.PluginJar;

/**
 * A plugin jar that also names a surrogate {@code rectangular}, the default: the plain name keeps meaning the
 * built-in, so the default {@code snn train} still works; the jar's is listed with a warning and reached as {@code
 * rectangular@jar}.
 */
class BuiltInNameTest {
  @TempDir static Path data;
  @TempDir static Path plugins;
  @TempDir Path work;

  @BeforeAll
  static void buildJarAndData() throws Exception {
    SmallFashionMnist.write(data, 200, 100);
    PluginJar.builder()
        .source("com.example.rect.Curve", PluginSources.surrogate("com.example.rect", "rectangular", ""))
        .service(SurrogateFactory.class, "com.example.rect.Curve")
        .write(plugins.resolve("shadow.jar"));
  }

  private CliRun train(String... surrogate) {
    String[] base = {"--plugins", plugins.toString(), "train", "--data-dir", data.toString(), "--layers",
      "784,16,10", "--timesteps", "2", "--epochs", "1", "--batch", "50", "--out", work.resolve("m.snn").toString(),
      "--no-progress"};
    String[] args = new String[base.length + surrogate.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(surrogate, 0, args, base.length, surrogate.length);
    return CliRun.of(args);
  }

  @Test
  void theDefaultTrainStillWorksAndWarnsOnce() {
    CliRun run = train();
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.lastOutLine().contains("\"surrogate\":\"rectangular"), run.lastOutLine());
    String warnings = run.errLines().lines().filter(l -> l.startsWith("snn: warning: ")).reduce("", String::concat);
    assertTrue(warnings.contains("com.example.rect.Curve from " + plugins.resolve("shadow.jar")
        + " reuses the built-in name 'rectangular'") && warnings.contains("'rectangular@shadow.jar'"), warnings);
  }

  @Test
  void thePlainNameIsTheBuiltInAndAtJarIsTheJars() {
    // the jar's curve refuses a > 100, naming its class: only rectangular@shadow.jar reaches it
    CliRun jars = train("--surrogate", "rectangular@shadow.jar:a=1000");
    assertEquals(2, jars.exitCode(), jars.err());
    assertTrue(jars.errLines().contains("must be <= 100, got 1000 (surrogate plugin com.example.rect.Curve from "),
        jars.err());
    CliRun plain = train("--surrogate", "rectangular:a=1000");
    assertFalse(plain.errLines().contains("com.example.rect.Curve from " + plugins.resolve("shadow.jar") + ")"),
        plain.err());
  }

  @Test
  void pluginsListsTheBuiltInUnderItsNameAndTheJarsWithAWarning() {
    CliRun run = CliRun.of("--plugins", plugins.toString(), "plugins");
    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    String builtIn = out.lines().filter(l -> l.startsWith("  rectangular ")).findFirst().orElseThrow(
        () -> new AssertionError(out));
    assertFalse(builtIn.contains("shadow.jar"), builtIn);
    String jars = out.lines().filter(l -> l.startsWith("  rectangular@shadow.jar ")).findFirst().orElseThrow(
        () -> new AssertionError(out));
    assertTrue(jars.contains("(!) reuses a built-in name") && jars.endsWith("[" + plugins.resolve("shadow.jar")
        + "]"), jars);
    assertTrue(out.contains("problems (1):") && out.contains("reuses the built-in name 'rectangular'"), out);
  }
}
