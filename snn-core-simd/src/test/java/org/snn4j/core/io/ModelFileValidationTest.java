package org.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.SequentialNet;

/** What a model file must be before it is loaded: a regular file, no larger than the heap, sane header, finite. */
class ModelFileValidationTest {
  @TempDir Path dir;

  private static SequentialNet net() {
    return SequentialNet.mlp(new int[] {5, 4, 3}, new LifNeuron(0.3f, 0.45f, true), 1, Kernels.get());
  }

  private Path model(byte[] bytes) throws Exception {
    Path f = dir.resolve("m.snn");
    Files.write(f, bytes);
    return f;
  }

  private static String readError(Path f) {
    return assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Kernels.get())).getMessage();
  }

  @Test
  void aPathThatIsNotARegularFileIsNamedAsSuch() throws Exception {
    String folder = readError(dir);
    assertEquals(dir + " is a folder, not a model file", folder);
    Path devNull = Path.of("/dev/null");
    if (Files.exists(devNull)) {
      String special = readError(devNull);
      assertTrue(special.startsWith("/dev/null is not a regular file"), special);
    }
    assertThrows(NoSuchFileException.class, () -> ModelFile.read(dir.resolve("none.snn"), Kernels.get()));
  }

  @Test
  void aFileLargerThanTheHeapIsRefusedBeforeAnythingIsAllocated() throws Exception {
    Path f = dir.resolve("huge.snn");
    byte[] good = ModelFile.encode(net(), Map.of());
    long size = Runtime.getRuntime().maxMemory() + (1L << 30);
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.write(good, 0, 16 + 64); // a valid prefix; the rest is a sparse hole
      raf.setLength(size);
    }
    String e = readError(f);
    assertTrue(e.contains("huge.snn") && e.contains("GiB") && e.contains("SNN_JAVA_OPTS=-Xmx"), e);
  }

  @Test
  void aThreeGigabyteFileGivesAnErrorNotOutOfMemory() throws Exception {
    Path f = dir.resolve("3g.snn");
    byte[] good = ModelFile.encode(net(), Map.of());
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.write(good, 0, good.length - 4);
      raf.setLength(3L << 30);
    }
    String e = readError(f); // the heap's size decides which check speaks first; none allocates the file
    assertTrue(e.contains("3g.snn") && (e.contains("heap") || e.contains("checksum")), e);
  }

  /**
   * From h14a's ModelFileSizeTest: a 3 GiB file (sparse, all zeros) is one line, not an OutOfMemoryError. The reader
   * streams, so no file size is too large to look at: its first 16 bytes already say it is no model.
   */
  @Test
  void aThreeGigabyteFileThatIsNoModelIsRefusedByItsFirstBytes() throws Exception {
    Path file = dir.resolve("huge.snn");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: no disk blocks are written
    }
    String e = readError(file);
    assertTrue(e.startsWith(file + " at byte 0: not an snn4j model"), e);
  }

  @Test
  void headerValuesNameTheFileTheKeyAndTheValue() throws Exception {
    byte[] good = ModelFile.encode(net(), Map.of("timesteps", "7"));

    String layers = readError(model(ModelBytes.withHeader(good, "layers", "5,abc,3")));
    assertTrue(layers.contains(dir.resolve("m.snn").toString()) && layers.contains("layers=5,abc,3")
        && layers.contains("'abc'") && !layers.contains("For input string"), layers);

    String neuron = readError(model(ModelBytes.withHeader(good, "neuron", "nope:decay=0.2")));
    assertTrue(neuron.startsWith("the model " + dir.resolve("m.snn") + " names neuron 'nope', which no loaded"
        + " plugin provides") && neuron.contains("lif") && neuron.contains("--plugins DIR"), neuron);

    ModelFile.Loaded loaded = ModelFile.read(model(ModelBytes.withHeader(good, "timesteps", "abc")), Kernels.get());
    String steps = assertThrows(ModelFormatException.class, () -> loaded.positiveInt("timesteps", 10)).getMessage();
    assertTrue(steps.contains("m.snn") && steps.contains("timesteps=abc"), steps);
    assertEquals(10, loaded.positiveInt("absent", 10));
  }

  @Test
  void nonFiniteWeightsAreRefusedNamingTheLayer() throws Exception {
    byte[] good = ModelFile.encode(net(), Map.of());
    long secondLayerWeight = 5 * 4 + 4 + 2 * 3 + 1; // layer 1's W and b, then W[2][1] of layer 2
    String nan = readError(model(ModelBytes.withParameter(good, secondLayerWeight, Float.NaN)));
    assertTrue(nan.contains("m.snn") && nan.contains("layer 2 (4 -> 3)") && nan.contains("NaN at W[2][1]"), nan);

    String inf = readError(model(ModelBytes.withParameter(good, 5 * 4 + 1, Float.POSITIVE_INFINITY)));
    assertTrue(inf.contains("layer 1") && inf.contains("bias") && inf.contains("Infinity"), inf);
  }
}
