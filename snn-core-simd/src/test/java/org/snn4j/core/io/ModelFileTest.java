package org.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.SequentialNet;

class ModelFileTest {
  @TempDir Path dir;

  private static SequentialNet net() {
    return SequentialNet.mlp(new int[] {5, 4, 3}, new LifNeuron(0.3f, 0.45f, true), 1, Kernels.get());
  }

  @Test
  void roundTripsWeightsNeuronAndHeader() throws Exception {
    SequentialNet a = net();
    Path f = dir.resolve("m.snn");
    ModelFile.write(f, a, Map.of("timesteps", "7", "surrogate", "sigmoid:a=0.3"), false);
    ModelFile.Loaded loaded = ModelFile.read(f, Kernels.get());
    SequentialNet b = loaded.network();
    assertArrayEquals(a.sizes(), b.sizes());
    assertEquals(a.neuron(), b.neuron());
    for (int l = 0; l < 2; l++) {
      assertArrayEquals(a.spikingLayers().get(l).weight(), b.spikingLayers().get(l).weight());
      assertArrayEquals(a.spikingLayers().get(l).bias(), b.spikingLayers().get(l).bias());
    }
    assertEquals("7", loaded.get("timesteps", null));
    assertEquals("sigmoid:a=0.3", loaded.get("surrogate", null));
    assertArrayEquals(Files.readAllBytes(f), ModelFile.encode(b, Map.of("timesteps", "7", "surrogate",
        "sigmoid:a=0.3")), "same model, same bytes");
  }

  @Test
  void refusesToOverwriteWithoutForceAndLeavesNoTemporaryFiles() throws Exception {
    Path f = dir.resolve("m.snn");
    ModelFile.write(f, net(), Map.of(), false);
    byte[] before = Files.readAllBytes(f);
    FileAlreadyExistsException e =
        assertThrows(FileAlreadyExistsException.class, () -> ModelFile.write(f, net(), Map.of("x", "1"), false));
    assertTrue(e.getMessage().contains("--force"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(f));
    ModelFile.write(f, net(), Map.of("x", "1"), true);
    assertTrue(!Arrays.equals(before, Files.readAllBytes(f)));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "only the model remains");
    }
  }

  @Test
  void rejectsDamagedFilesNamingTheFile() throws Exception {
    Path f = dir.resolve("m.snn");
    ModelFile.write(f, net(), Map.of(), false);
    byte[] good = Files.readAllBytes(f);

    byte[] flipped = good.clone();
    flipped[good.length - 10] ^= 1;
    Files.write(f, flipped);
    ModelFormatException e1 = assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Kernels.get()));
    assertTrue(e1.getMessage().contains("m.snn") && e1.getMessage().contains("checksum"), e1.getMessage());

    Files.write(f, Arrays.copyOf(good, good.length - 9));
    assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Kernels.get()));

    byte[] notModel = "hello, this is not a model file at all".getBytes();
    Files.write(f, notModel);
    ModelFormatException e2 = assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Kernels.get()));
    assertTrue(e2.getMessage().contains("at byte 0") && e2.getMessage().contains("magic"), e2.getMessage());

    Files.write(f, new byte[0]);
    assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Kernels.get()));
  }
}
