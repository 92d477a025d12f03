package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.testkit.PluginJar;

/**
 * {@code --plugins DIR}: every jar in its own class loader, used for training; and each kind of broken jar, which
 * must be reported naming the jar, the class and (for parameters) the parameter, while the other plugins keep
 * working.
 */
class PluginFolderTest {
  @TempDir static Path data;
  @TempDir static Path csvData;
  @TempDir static Path good;
  @TempDir static Path bad;
  @TempDir Path work;

  @BeforeAll
  static void buildJarsAndData() throws Exception {
    SmallFashionMnist.write(data, 600, 200);
    writeCsv(csvData);
    PluginJar.builder()
        .source("com.example.good.Curve", PluginSources.surrogate("com.example.good", "tri", ""))
        .service(SurrogateFactory.class, "com.example.good.Curve")
        .source("com.example.csv.TinyCsv", PluginSources.csvReader())
        .service(DatasetReader.class, "com.example.csv.TinyCsv")
        .write(good.resolve("good-plugins.jar"));

    Files.copy(good.resolve("good-plugins.jar"), bad.resolve("good-plugins.jar"));
    PluginJar.builder()
        .source("com.example.ghost.Curve", PluginSources.surrogate("com.example.ghost", "ghost", ""))
        .service(SurrogateFactory.class, "com.example.ghost.Curve", "com.example.ghost.Missing")
        .write(bad.resolve("missing-class.jar"));
    PluginJar.builder()
        .source("com.example.boom.Curve", PluginSources.surrogate("com.example.boom", "boom",
            "if (true) throw new IllegalStateException(\"licence file not found\");"))
        .service(SurrogateFactory.class, "com.example.boom.Curve")
        .write(bad.resolve("throwing-constructor.jar"));
    PluginJar.builder()
        .source("com.example.caps.Curve", PluginSources.surrogate("com.example.caps", "My Curve", ""))
        .service(SurrogateFactory.class, "com.example.caps.Curve")
        .write(bad.resolve("invalid-name.jar"));
    Path twins = Files.createDirectories(bad.resolve("twins"));
    PluginJar.builder()
        .source("com.example.one.Curve", PluginSources.surrogate("com.example.one", "twin", ""))
        .service(SurrogateFactory.class, "com.example.one.Curve")
        .write(bad.resolve("twin-one.jar"));
    PluginJar.builder()
        .source("com.example.two.Curve", PluginSources.surrogate("com.example.two", "twin", ""))
        .service(SurrogateFactory.class, "com.example.two.Curve")
        .write(twins.resolve("twin-two.jar"));
    Files.writeString(bad.resolve("corrupt.jar"), "this is not a zip file");
  }

  /** Two classes told apart by the first feature; noise in the others. */
  private static void writeCsv(Path folder) throws Exception {
    Random r = new Random(3);
    for (String split : new String[] {"train", "test"}) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < (split.equals("train") ? 400 : 100); i++) {
        int label = r.nextInt(2);
        sb.append(label).append(',').append(label == 1 ? 0.9f : 0.05f);
        for (int j = 0; j < 3; j++) {
          sb.append(',').append(r.nextFloat() * 0.3f);
        }
        sb.append('\n');
      }
      Files.writeString(folder.resolve(split + ".csv"), sb);
    }
  }

  private CliRun train(Path plugins, String surrogate, String... extra) {
    List<String> args = new ArrayList<>(List.of("--plugins", plugins.toString(), "train", "--data-dir",
        data.toString(), "--layers", "784,60,10", "--timesteps", "4", "--epochs", "1", "--batch", "50", "--lr", "5e-3",
        "--surrogate", surrogate, "--out", work.resolve("m.snn").toString(), "--force", "--no-progress"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  static double accuracy(CliRun run) {
    Matcher m = Pattern.compile("\"test_accuracy\":([-0-9.eE]+)").matcher(run.lastOutLine());
    assertTrue(m.find(), "no test_accuracy in " + run.out());
    return Double.parseDouble(m.group(1));
  }

  private static void assertContains(String text, String... fragments) {
    for (String f : fragments) {
      assertTrue(text.contains(f), "'" + f + "' missing in:\n" + text);
    }
  }

  private static String lineWith(String text, String fragment) {
    return text.lines().filter(l -> l.contains(fragment)).findFirst()
        .orElseThrow(() -> new AssertionError("no line with '" + fragment + "' in:\n" + text));
  }

  @Test
  void aSurrogateFromAPluginJarTrainsAndLearns() {
    CliRun run = train(good, "tri:a=1");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(accuracy(run) > 25, "above the 10% of chance: " + accuracy(run));
    assertContains(run.lastOutLine(), "\"surrogate\":\"tri:a=1.0\"");
    assertEquals("", run.errLines().lines().filter(l -> l.contains("warning")).reduce("", String::concat));

    CliRun eval = CliRun.of("--plugins", good.toString(), "eval", "--model", work.resolve("m.snn").toString(),
        "--data-dir", data.toString(), "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    // the surrogate only shapes training: evaluating the saved model does not need the jar that provided it
    CliRun noPlugins = CliRun.of("eval", "--model", work.resolve("m.snn").toString(), "--data-dir", data.toString(),
        "--no-progress");
    assertEquals(0, noPlugins.exitCode(), noPlugins.err());
    assertEquals(accuracy(eval), accuracy(noPlugins));
    assertContains(noPlugins.lastOutLine(), "\"test_loss\":");
    assertEquals(testLoss(eval), testLoss(noPlugins));
  }

  private static String testLoss(CliRun run) {
    Matcher m = Pattern.compile("\"test_loss\":([-0-9.eE]+)").matcher(run.lastOutLine());
    assertTrue(m.find(), "no test_loss in " + run.out());
    return m.group(1);
  }

  @Test
  void pluginsOptionAlsoWorksAfterTheSubcommand() {
    CliRun run = CliRun.of("plugins", "--plugins", good.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertContains(lineWith(run.out(), "tri "), "a=1", "good-plugins.jar");
  }

  @Test
  void aDatasetReaderFromAPluginJarIsUsedByTrain() {
    CliRun run = CliRun.of("--plugins", good.toString(), "train", "--dataset", "tiny-csv", "--data-dir",
        csvData.toString(), "--layers", "4,16,2", "--timesteps", "8", "--epochs", "2", "--batch", "20", "--lr",
        "1e-2", "--out", work.resolve("csv.snn").toString(), "--no-progress");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(accuracy(run) > 75, "two separable classes: " + accuracy(run));
  }

  @Test
  void pluginsListsEveryJarsPluginsAndEveryProblemNamingJarAndClass() {
    CliRun run = CliRun.of("--plugins", bad.toString(), "plugins");
    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    assertContains(lineWith(out, "tri "), "a=1", bad.resolve("good-plugins.jar").toString());
    assertContains(lineWith(out, "ghost"), "missing-class.jar");
    assertContains(lineWith(out, "com.example.ghost.Missing"), "missing-class.jar", "class not found");
    assertContains(lineWith(out, "com.example.boom.Curve"), "throwing-constructor.jar",
        "IllegalStateException: licence file not found");
    assertContains(lineWith(out, "'My Curve'"), "invalid-name.jar", "com.example.caps.Curve", "invalid name");
    assertContains(lineWith(out, "two surrogate plugins are named 'twin'"), "twin-one.jar", "twin-two.jar",
        "com.example.one.Curve", "com.example.two.Curve", "'twin@twin-one.jar'", "'twin@twin-two.jar'");
    assertContains(lineWith(out, "twin@twin-one.jar "), "twin-one.jar]");
    assertContains(lineWith(out, "corrupt.jar"), "cannot be read");
    assertContains(out, "problems (5):");
    assertContains(lineWith(out, "rectangular "), "a=1");
  }

  @Test
  void otherPluginsKeepWorkingAndTheProblemsAreWarnedOnce() {
    CliRun run = train(bad, "tri");
    assertEquals(0, run.exitCode(), run.err());
    String err = run.errLines();
    assertEquals(5, err.lines().filter(l -> l.startsWith("snn: warning: ")).count(), err);
    assertContains(lineWith(err, "missing-class.jar"), "com.example.ghost.Missing");
    assertTrue(accuracy(run) > 25, "accuracy " + accuracy(run));
  }

  @Test
  void aSharedNameFailsUntilTheUserPicksOneWithAt() {
    CliRun run = train(bad, "twin");
    assertEquals(2, run.exitCode());
    String line = lineWith(run.errLines(), "snn: --surrogate");
    assertContains(line, "two surrogate plugins are named 'twin'", "twin-one.jar", "twin-two.jar",
        "'twin@twin-one.jar'", "'twin@twin-two.jar'");
    CliRun picked = train(bad, "twin@twin-two.jar:a=2");
    assertEquals(0, picked.exitCode(), picked.err());
    assertContains(picked.lastOutLine(), "\"surrogate\":\"twin:a=2.0\"");
    CliRun wrong = train(bad, "twin@elsewhere.jar");
    assertEquals(2, wrong.exitCode());
    assertContains(lineWith(wrong.errLines(), "snn: --surrogate"), "no surrogate 'twin' comes from 'elsewhere.jar'");
  }

  @Test
  void badParametersNameTheParameterTheClassAndTheJar() {
    for (String[] c : new String[][] {
        {"tri:a=abc", "parameter 'a' must be a number, got 'abc'"},
        {"tri:a=-1", "parameter 'a' must be > 0, got -1"},
        {"tri:a=1000", "parameter 'a' must be <= 100, got 1000"},
        {"tri:b=1", "unknown parameter 'b'"}}) {
      CliRun run = train(good, c[0]);
      assertEquals(2, run.exitCode(), run.err());
      String line = lineWith(run.errLines(), "snn: --surrogate");
      assertContains(line, c[1], "com.example.good.Curve", good.resolve("good-plugins.jar").toString());
    }
  }

  @Test
  void brokenPluginsAreUnknownNamesWhoseMessageSaysWhy() {
    CliRun run = train(bad, "boom");
    assertEquals(2, run.exitCode());
    String line = lineWith(run.errLines(), "snn: --surrogate");
    assertContains(line, "unknown surrogate 'boom'", "failed to load", "com.example.boom.Curve",
        "throwing-constructor.jar", "licence file not found");
  }

  @Test
  void aMissingPluginFolderIsAUsageError() {
    Path nowhere = work.resolve("nowhere");
    CliRun run = CliRun.of("--plugins", nowhere.toString(), "plugins");
    assertEquals(2, run.exitCode());
    assertEquals("snn: --plugins: plugin folder " + nowhere + " does not exist", run.errLines().strip());
  }
}
