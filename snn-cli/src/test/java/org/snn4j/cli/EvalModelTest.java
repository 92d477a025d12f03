package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snn eval --model}: a path that is no model file, header values and weights that cannot be used. */
class EvalModelTest {
  @TempDir static Path data;
  @TempDir static Path trained;
  @TempDir Path work;
  private static byte[] model;

  @BeforeAll
  static void trainATinyModel() throws Exception {
    SmallFashionMnist.write(data, 100, 40);
    Path m = trained.resolve("tiny.snn");
    CliRun run = CliRun.of(tiny(m).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    model = Files.readAllBytes(m);
  }

  private static List<String> tiny(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString(), "--layers", "784,12,10",
        "--timesteps", "2", "--epochs", "1", "--batch", "50", "--out", out.toString(), "--no-progress"));
    args.addAll(List.of(extra));
    return args;
  }

  private static String oneLineError(CliRun run, String... fragments) {
    assertEquals(2, run.exitCode(), run.err());
    String err = run.errLines().strip();
    assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "'" + f + "' missing in: " + err);
    }
    return err;
  }

  @Test
  void modelThatIsAFolderOrASpecialFileIsNamedAsSuch() {
    oneLineError(eval(work), work + " is a folder, not a model file");
    assumeTrue(Files.exists(Path.of("/dev/null")));
    String err = oneLineError(eval(Path.of("/dev/null")), "/dev/null is not a regular file");
    assertFalse(err.contains("no such file"), err);
  }

  @Test
  void headerValuesNameTheModelTheKeyAndTheValue() throws Exception {
    Path m = work.resolve("edited.snn");
    Files.write(m, withHeader(model, "timesteps", "abc"));
    String steps = oneLineError(eval(m), m.toString(), "timesteps=abc");
    assertFalse(steps.contains("For input string"), steps);

    Files.write(m, withHeader(model, "encoder", "nope"));
    String enc = oneLineError(eval(m),
        "the model " + m + " names encoder 'nope', which no loaded plugin provides", "rate", "add --plugins DIR");
    assertFalse(enc.contains("--encoder"), "the user gave no --encoder: " + enc);

    Files.write(m, withHeader(model, "loss", "hinge"));
    oneLineError(eval(m), "the model " + m + " names loss 'hinge'", "mse");

    Files.write(m, withHeader(model, "neuron", "nope"));
    oneLineError(eval(m), "the model " + m + " names neuron 'nope', which no loaded plugin provides");
  }

  @Test
  void modelWithNonFiniteWeightsIsRefused() throws Exception {
    Path m = work.resolve("nan.snn");
    byte[] b = model.clone();
    int start = 16 + ByteBuffer.wrap(b).getInt(12);
    ByteBuffer.wrap(b).putFloat(start + 4 * (784 * 12 + 12 + 5), Float.NaN); // layer 2, W[0][5]
    Files.write(m, withCrc(b));
    oneLineError(eval(m), m.toString(), "layer 2", "non-finite weight", "NaN");
  }

  private CliRun eval(Path m) {
    return CliRun.of("eval", "--model", m.toString(), "--data-dir", data.toString(), "--no-progress");
  }

  /** The model with one header entry replaced, CRC recomputed: damaged in that one way only. */
  private static byte[] withHeader(byte[] file, String key, String value) {
    int length = ByteBuffer.wrap(file).getInt(12);
    StringBuilder header = new StringBuilder();
    for (String line : new String(file, 16, length, StandardCharsets.UTF_8).split("\n")) {
      header.append(line.startsWith(key + "=") ? key + "=" + value : line).append('\n');
    }
    byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(file.length - length + h.length);
    out.put(file, 0, 12).putInt(h.length).put(h).put(file, 16 + length, file.length - 16 - length);
    return withCrc(out.array());
  }

  private static byte[] withCrc(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - 4);
    ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
    return b;
  }
}
