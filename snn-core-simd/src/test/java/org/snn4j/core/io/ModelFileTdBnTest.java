package org.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.StoredArray;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;

/** A version-2 file of a net with tdbn keeps its γ, β and running statistics; a file cut short is one line. */
class ModelFileTdBnTest {
  @TempDir Path dir;

  private static SequentialNet net() {
    SequentialNet net = NetSpec.parse("conv3k3p1,tdbn,lif,avgpool2,flatten,dense4,tdbn(alpha=0.5),lif")
        .build(Shape.image(2, 6, 6), s -> LifNeuron.PAPER, 3, Kernels.get());
    float v = 0.25f;
    for (NetworkLayer layer : net.layers()) {
      for (StoredArray a : layer.storedArrays()) {
        if (a.name().contains("tdbn")) {
          for (int i = 0; i < a.values().length; i++) {
            a.values()[i] = v;
            v += 0.125f;
          }
        }
      }
    }
    return net;
  }

  private static List<float[]> arrays(SequentialNet net) {
    return net.layers().stream().flatMap(l -> l.storedArrays().stream()).map(StoredArray::values).toList();
  }

  @Test
  void statisticsAndScalesSurviveARoundTrip() throws Exception {
    SequentialNet net = net();
    Path file = dir.resolve("tdbn.snn");
    ModelFile.write(file, net, Map.of(), false);
    SequentialNet back = ModelFile.read(file, Kernels.get()).network();
    List<float[]> want = arrays(net);
    List<float[]> got = arrays(back);
    assertEquals(want.size(), got.size());
    long tdbnArrays = net.layers().stream().flatMap(l -> l.storedArrays().stream())
        .filter(a -> a.name().contains("tdbn_running")).count();
    assertEquals(4, tdbnArrays, "running mean and variance of both layers");
    for (int i = 0; i < want.size(); i++) {
      assertArrayEquals(want.get(i), got.get(i), "array " + i);
    }
    assertEquals(NetSpec.of(net).toString(), NetSpec.of(back).toString());
  }

  @Test
  void aFileCutShortIsOneLine() throws Exception {
    byte[] bytes = ModelFile.encode(net(), Map.of());
    Path file = dir.resolve("short.snn");
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file, Kernels.get()));
    assertTrue(e.getMessage().contains("short.snn") && !e.getMessage().contains("\n"), e.getMessage());
  }
}
