package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.core.io.Checkpoint;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The recipe flags of {@code snn train}: AdamW or Nesterov, a schedule, clipping, the membrane readout and TET
 * resume from a checkpoint to the uninterrupted model's bytes (at another thread count); {@code --recipe} gives the
 * model its flags give, with the command line overriding it; bad recipes and flags are one-line errors.
 */
class RecipeCommandTest {
  private static final int TRAIN = 1000;
  private static final int BATCH = 20;

  @TempDir static Path data;
  @TempDir Path work;

  @BeforeAll
  static void writeData() throws Exception {
    SmallFashionMnist.write(data, TRAIN, 100);
  }

  private static final List<String> RECIPE_FLAGS = List.of("--layers", "784,32,10", "--timesteps", "4", "--epochs",
      "2", "--batch", Integer.toString(BATCH), "--lr", "5e-3", "--seed", "3", "--encoder", "direct", "--optimizer",
      "adamw", "--weight-decay", "0.05", "--schedule", "cosine:warmup=1,min=1e-4", "--clip-grad", "2", "--readout",
      "membrane:decay=0.6", "--loss", "tet-ce");

  private List<String> train(Path out, List<String> flags, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(), "--out", out.toString(),
        "--no-progress", "--test-limit", "50"));
    args.addAll(flags);
    args.addAll(List.of(extra));
    return args;
  }

  private static CliRun run(List<String> args) {
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The command line of a new JVM running {@code snn}, with this JVM's kernels (the same bits). */
  private static List<String> newJvm(List<String> args) {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dguice_bytecode_gen_option=DISABLED"));
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      command.add("--add-modules=jdk.incubator.vector");
    }
    String simd = System.getProperty("snn.simd");
    if (simd != null && !simd.isBlank()) {
      command.add("-Dsnn.simd=" + simd);
    }
    command.addAll(List.of("-cp", cp, Main.class.getName()));
    command.addAll(args);
    return command;
  }

  @Test
  void aKilledRunWithTheNewFlagsResumesToTheUninterruptedModel() throws Exception {
    Path whole = work.resolve("whole.snn");
    CliRun r = run(train(whole, RECIPE_FLAGS, "--threads", "2"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.lastOutLine().contains("\"readout\":\"membrane:decay=0.6\""), r.lastOutLine());
    assertTrue(r.lastOutLine().contains("\"schedule\":\"cosine:min=1e-4,warmup=1\""), r.lastOutLine());
    assertEquals("membrane:decay=0.6", ModelFile.read(whole, Kernels.get()).network().readout().toString());
    String trained = field(r.lastOutLine(), "test_accuracy");
    CliRun eval = CliRun.of("eval", "--model", whole.toString(), "--data-dir", data.toString(), "--test-limit", "50");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(trained, field(eval.lastOutLine(), "test_accuracy"), "snn eval scores the membrane readout");

    Path checkpoint = work.resolve("run.ckpt");
    Path killedOut = work.resolve("killed.snn");
    Path log = work.resolve("child.log");
    Process p = new ProcessBuilder(newJvm(train(killedOut, RECIPE_FLAGS, "--threads", "2", "--checkpoint",
        checkpoint.toString(), "--checkpoint-every", "7")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      assertTrue(Files.exists(checkpoint), "no checkpoint appeared: " + Files.readString(log));
      assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(log));
    } finally {
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertFalse(Files.exists(killedOut), "killed before it wrote its model");
    Checkpoint c = Checkpoint.read(checkpoint);
    assertEquals("adamw", c.optimizer());

    Path resumedOut = work.resolve("resumed.snn");
    r = run(train(resumedOut, RECIPE_FLAGS, "--threads", "1", "--resume", checkpoint.toString()));
    assertEquals(0, r.exitCode(), r.err());
    assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumedOut),
        "the same model as the uninterrupted run, byte for byte");

    // a resume must repeat the new settings too
    r = run(train(work.resolve("other.snn"), RECIPE_FLAGS, "--clip-grad", "3", "--resume", checkpoint.toString()));
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.errLines().contains("--clip-grad"), r.errLines());
  }

  @Test
  void aRecipeFileTrainsTheModelItsFlagsTrainAndTheCommandLineOverridesIt() throws Exception {
    Path recipe = work.resolve("small.properties");
    StringBuilder text = new StringBuilder("recipe=1\ndescription=a small test recipe\n");
    for (int i = 0; i < RECIPE_FLAGS.size(); i += 2) {
      text.append(RECIPE_FLAGS.get(i).substring(2)).append('=').append(RECIPE_FLAGS.get(i + 1)).append('\n');
    }
    text.append("optimizer=nesterov\n");
    Files.writeString(recipe, text.toString().replace("optimizer=adamw\n", ""));
    List<String> flags = new ArrayList<>(RECIPE_FLAGS);
    flags.set(flags.indexOf("adamw"), "nesterov");
    flags.set(flags.indexOf("--epochs") + 1, "1");
    Path direct = work.resolve("direct.snn");
    CliRun r = run(train(direct, flags));
    assertEquals(0, r.exitCode(), r.err());
    Path viaRecipe = work.resolve("recipe.snn");
    r = run(train(viaRecipe, List.of("--recipe", recipe.toString(), "--epochs", "1")));
    assertEquals(0, r.exitCode(), r.err());
    String json = r.lastOutLine();
    assertTrue(json.contains("\"epochs\":1,"), json);
    assertTrue(json.contains("\"optimizer\":\"nesterov\""), json);
    assertTrue(json.contains("\"recipe\":\"" + recipe + "\""), json);
    assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(viaRecipe));
  }

  @Test
  void aVotingModelSavesAndEvaluatesAsTrained() throws Exception {
    Path model = work.resolve("vote.snn");
    CliRun r = run(train(model, List.of("--layers", "784,32,30", "--timesteps", "4", "--epochs", "1", "--batch", "20",
        "--readout", "vote:3", "--loss", "ce", "--lr", "5e-3")));
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("vote:3", ModelFile.read(model, Kernels.get()).network().readout().toString());
    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString(), "--test-limit", "50");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(field(r.lastOutLine(), "test_accuracy"), field(eval.lastOutLine(), "test_accuracy"));
    assertOneLineError(train(work.resolve("b.snn"), List.of("--layers", "784,32,10", "--readout", "vote:3")),
        "needs a last layer of a multiple of 3");
    assertOneLineError(train(work.resolve("b.snn"), List.of("--layers", "784,32,10", "--readout", "vote:2")),
        "scores 5 classes from the last layer's 10 neurons");
  }

  @Test
  void mseCountTrainsAndEvaluatesWithItsSteps() throws Exception {
    Path model = work.resolve("count.snn");
    CliRun r = run(train(model, List.of("--layers", "784,32,10", "--timesteps", "5", "--epochs", "1", "--batch", "20",
        "--loss", "mse-count", "--lr", "5e-3")));
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("mse-count", ModelFile.read(model, Kernels.get()).get("loss", "?"));
    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data-dir", data.toString(), "--test-limit", "50",
        "--batch", "20"); // the loss is a mean of batch means: the training run's batches
    assertEquals(0, eval.exitCode(), eval.err());
    // the same loss over the same T: the evaluation's test loss is the training run's
    assertEquals(field(r.lastOutLine(), "test_loss"), field(eval.lastOutLine(), "test_loss"));
  }

  @Test
  void badRecipesAndFlagsAreOneLineErrors() throws Exception {
    Path recipe = work.resolve("bad.properties");
    Files.writeString(recipe, "recipe=1\nepochs=2\nlearning-rate=0.1\n");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--recipe", recipe.toString())),
        "recipe " + recipe + ": unknown key 'learning-rate'");
    Files.writeString(recipe, "recipe=2\nepochs=2\n");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--recipe", recipe.toString())),
        "recipe=2 but this snn reads recipe=1");
    Files.writeString(recipe, "recipe=1\nout=x.snn\n");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--recipe", recipe.toString())),
        "'out' cannot be set in a recipe");
    Files.writeString(recipe, "recipe=1\nepochs=two\n");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--recipe", recipe.toString())),
        "recipe " + recipe + ": ");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--recipe", "cifar-mlp")),
        "neither a built-in recipe (fmnist-mlp, fmnist-conv, cifar10-conv, nmnist-conv) nor a file");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--readout", "spikes")), "--readout: unknown readout");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--schedule", "step")), "--schedule: step: give every=K");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--optimizer", "adam", "--weight-decay", "0.1")),
        "--weight-decay: adam takes no weight decay");
    assertOneLineError(train(work.resolve("a.snn"), List.of("--clip-grad", "0")), "--clip-grad must be > 0");
  }

  /** The raw value of {@code key} in a JSON line. */
  private static String field(String json, String key) {
    int at = json.indexOf("\"" + key + "\":");
    assertTrue(at >= 0, key + " in " + json);
    int from = at + key.length() + 3;
    int to = from;
    while (to < json.length() && json.charAt(to) != ',' && json.charAt(to) != '}') {
      to++;
    }
    return json.substring(from, to);
  }

  private static void assertOneLineError(List<String> args, String expected) {
    CliRun r = run(args);
    assertEquals(2, r.exitCode(), r.err());
    String err = r.errLines().strip();
    assertFalse(err.contains("\n"), "one line: " + err);
    assertTrue(err.contains(expected), err);
  }

  @Test
  void everyBuiltInRecipeReadsWithSnnTrainsFlags() {
    Set<String> known = new HashSet<>();
    for (OptionSpec o : new CommandLine(new TrainCommand()).getCommandSpec().options()) {
      known.add(o.longestName());
    }
    for (String name : Recipe.BUILT_IN) {
      Recipe r = Recipe.load(name, known);
      assertTrue(r.settings().containsKey("dataset") && r.settings().containsKey("epochs"), name + ": " + r.settings());
    }
  }
}
