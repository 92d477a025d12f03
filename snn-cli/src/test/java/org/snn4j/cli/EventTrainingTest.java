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

/**
 * The event pipeline end to end through the CLI, short: Fashion-MNIST images turned into N-MNIST events, integrated
 * into frames, trained with the N-MNIST input shape (34x34x2 = 2312). The full run is in the README.
 */
class EventTrainingTest {
  @TempDir static Path events;
  @TempDir Path work;

  @BeforeAll
  static void convert() throws Exception {
    Path idx = SmallFashionMnist.write(events.resolve("idx"), 600, 200);
    CliRun run = CliRun.of("data", "convert-nmnist", "--data-dir", idx.toString(), "--out", events.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  /** A short run; {@code extra} may replace the dataset and layers ({@code --dataset}, {@code --layers} first). */
  private List<String> quick(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", events.toString(), "--epochs", "2",
        "--batch", "50", "--lr", "3e-3", "--out", out.toString(), "--no-progress"));
    List<String> rest = new ArrayList<>(List.of(extra));
    if (!rest.contains("--dataset")) {
      args.addAll(List.of("--dataset", "nmnist"));
    }
    if (!rest.contains("--layers")) {
      args.addAll(List.of("--layers", "2312,100,10"));
    }
    args.addAll(rest);
    return args;
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void trainsOnEventFramesWellAboveChanceWithTheFramesEncoderAndTheirT() throws Exception {
    Path model = work.resolve("n.snn");
    CliRun run = CliRun.of(quick(model).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    String json = run.lastOutLine();
    assertTrue(json.contains("\"encoder\":\"frames\""), json);
    assertEquals(10, number(json, "timesteps"), "T comes from the data's frames");
    double accuracy = number(json, "test_accuracy");
    assertTrue(accuracy > 40, "well above the 10% of chance: " + accuracy);
    CliRun eval = CliRun.of("eval", "--model", model.toString(), "--dataset", "nmnist", "--data-dir",
        events.toString(), "--batch", "50", "--no-progress");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(accuracy, number(eval.lastOutLine(), "test_accuracy"), 1e-9);
  }

  @Test
  void readerParametersSetTheSequenceLengthAndOneAndTwoThreadsAgree() throws Exception {
    Path one = work.resolve("one.snn");
    Path two = work.resolve("two.snn");
    String[] small = {"--dataset", "nmnist:frames=4,split=time,downsample=2", "--layers", "578,30,10",
        "--train-limit", "200", "--test-limit", "100"};
    CliRun a = CliRun.of(concat(quick(one, small), "--threads", "1"));
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(4, number(a.lastOutLine(), "timesteps"));
    assertEquals(0, CliRun.of(concat(quick(two, small), "--threads", "2")).exitCode());
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
  }

  @Test
  void aSignedDeltaCodeTrainsWithTwoChannelsPerInput() {
    String[] signed = {"--dataset", "nmnist:frames=4,split=time,downsample=2", "--encoder",
        "delta:input=frames,off=true", "--layers", "1156,30,10", "--train-limit", "200", "--test-limit", "100"};
    CliRun run = CliRun.of(quick(work.resolve("signed.snn"), signed).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(number(run.lastOutLine(), "test_accuracy") > 10, run.lastOutLine());
  }

  @Test
  void mismatchedSettingsAreOneLineErrors() {
    Path out = work.resolve("x.snn");
    String[][] cases = {
      {"--encoder", "rate", "holds event frames"},
      {"--timesteps", "5", "holds sequences of 10 frames"},
      {"--encoder", "delta:input=frames,off=true", "gives 4624 input channels per step"},
      {"--dataset", "nmnist:frames=0", "'frames'"},
      {"--dataset", "nmnist:fps=3", "unknown parameter 'fps'"},
    };
    for (String[] c : cases) {
      List<String> args = quick(out, c[0], c[1]);
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(2, run.exitCode(), String.join(" ", c) + ": " + run.err());
      assertTrue(run.errLines().contains(c[2]), run.err());
      assertEquals(1, run.errLines().strip().lines().count(), run.err());
    }
  }

  private static String[] concat(List<String> a, String... b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
