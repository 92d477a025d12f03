package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.StoredArray;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.plugins.PluginRegistry;

/** {@code snn export --format nir} and {@code snn import}: a model through NIR and back, and their errors. */
class NirCommandTest {
  @TempDir Path dir;

  private Path model(String spec, Shape input) throws Exception {
    var neurons = PluginRegistry.load(NeuronFactory.class);
    SequentialNet net = NetSpec.parse(spec).build(input, s -> PluginRegistry.create(neurons, s), 11, Kernels.get());
    Path m = dir.resolve("m.snn");
    ModelFile.write(m, net, Map.of("timesteps", "4", "surrogate", "atan:alpha=2"), true);
    return m;
  }

  @Test
  void exportThenImportGivesTheSameNetworkAndOutputs() throws Exception {
    Path m = model("conv3k3p1,lif(decay=0.6;vth=0.3),avgpool2,flatten,dense5,if(vth=0.2)", Shape.image(2, 6, 6));
    Path nir = dir.resolve("m.nir");
    CliRun export = CliRun.of("export", "--model", m.toString(), "--format", "nir", "--out", nir.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(export.out().contains("not in NIR: surrogate gradient (atan:alpha=2)"), export.out());
    assertTrue(export.out().contains("exact: lif0: decay 0.6"), export.out());
    Path back = dir.resolve("back.snn");
    CliRun imp = CliRun.of("import", "--nir", nir.toString(), "--out", back.toString());
    assertEquals(0, imp.exitCode(), imp.err());
    assertTrue(imp.out().contains("differs: reset mechanism"), imp.out());
    assertEquals("", imp.errLines());
    SequentialNet a = ModelFile.read(m, Kernels.get()).network();
    SequentialNet b = ModelFile.read(back, Kernels.get()).network();
    assertEquals(NetSpec.of(a).toString(), NetSpec.of(b).toString());
    for (int l = 0; l < a.layers().size(); l++) {
      var ea = a.layers().get(l).storedArrays();
      var eb = b.layers().get(l).storedArrays();
      for (int i = 0; i < ea.size(); i++) {
        StoredArray x = ea.get(i);
        assertArrayEquals(x.values(), eb.get(i).values(), x.name());
      }
    }
    Random r = new Random(2);
    byte[] bits = new byte[5 * 3 * 72];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = (byte) (r.nextDouble() < 0.5 ? 1 : 0);
    }
    SpikeTensor in = new SpikeTensor(5, 3, 72, bits);
    assertArrayEquals(a.forward(in).data(), b.forward(in).data());
  }

  @Test
  void aMembraneReadoutTravelsAsLiAndAVoteIsRefused() throws Exception {
    var neurons = PluginRegistry.load(NeuronFactory.class);
    SequentialNet net = NetSpec.parse("dense6,lif(decay=0.6;vth=0.3),dense3,lif(decay=0.6;vth=0.3)")
        .build(Shape.vector(8), s -> PluginRegistry.create(neurons, s), 12, Kernels.get());
    net.setReadout(Readout.membrane(0.75f));
    Path m = dir.resolve("membrane.snn");
    ModelFile.write(m, net, Map.of("timesteps", "4"), true);
    Path nir = dir.resolve("membrane.nir");
    CliRun export = CliRun.of("export", "--model", m.toString(), "--format", "nir", "--out", nir.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(export.out().contains("exact: li1: the membrane readout U[t] = 0.75·U[t-1]"), export.out());
    Path back = dir.resolve("membrane-back.snn");
    CliRun imp = CliRun.of("import", "--nir", nir.toString(), "--out", back.toString());
    assertEquals(0, imp.exitCode(), imp.err());
    assertEquals(Readout.membrane(0.75f), ModelFile.read(back, Kernels.get()).network().readout());

    net.setReadout(Readout.vote(3));
    Path vote = dir.resolve("vote.snn");
    ModelFile.write(vote, net, Map.of(), true);
    CliRun refused = CliRun.of("export", "--model", vote.toString(), "--format", "nir", "--out", dir.resolve("v.nir")
        .toString());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.errLines().startsWith("snn: the network's readout is vote:3"), refused.errLines());
  }

  @Test
  void maxPoolingIsRefusedNamingTheLayer() throws Exception {
    Path m = model("conv3k3p1,lif,maxpool2,flatten,dense5,lif", Shape.image(1, 6, 6));
    CliRun run = CliRun.of("export", "--model", m.toString(), "--format", "nir", "--out", dir.resolve("x.nir")
        .toString());
    assertEquals(2, run.exitCode());
    assertEquals("snn: layer 2 of 4 is max pooling (maxpool2), which NIR has no node for (it has SumPool2d and"
        + " AvgPool2d); train with avgpool to export\n", run.errLines());
    assertTrue(!Files.exists(dir.resolve("x.nir")));
  }

  @Test
  void badInputIsOneLine() throws Exception {
    Path m = model("dense4,lif", Shape.vector(3));
    CliRun format = CliRun.of("export", "--model", m.toString(), "--format", "onnx", "--out", "x.onnx");
    assertEquals(2, format.exitCode());
    assertEquals("snn: --format 'onnx' is not known; snn export writes 'nir'\n", format.errLines());

    Path missing = dir.resolve("missing.nir");
    CliRun none = CliRun.of("import", "--nir", missing.toString(), "--out", dir.resolve("o.snn").toString());
    assertEquals(2, none.exitCode());
    assertEquals("snn: " + missing + ": no such file\n", none.errLines());

    Path junk = dir.resolve("junk.nir");
    Files.writeString(junk, "not hdf5");
    CliRun bad = CliRun.of("import", "--nir", junk.toString(), "--out", dir.resolve("o.snn").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.errLines().startsWith("snn: " + junk + ": is not a readable HDF5 file"), bad.errLines());
    assertEquals(1, bad.errLines().lines().count());

    Path nir = dir.resolve("m.nir");
    assertEquals(0, CliRun.of("export", "--model", m.toString(), "--format", "nir", "--out", nir.toString())
        .exitCode());
    CliRun again = CliRun.of("export", "--model", m.toString(), "--format", "nir", "--out", nir.toString());
    assertEquals(2, again.exitCode());
    assertEquals("snn: " + nir + " exists; pass --force to overwrite it\n", again.errLines());
    CliRun dt = CliRun.of("import", "--nir", nir.toString(), "--out", dir.resolve("o.snn").toString(), "--dt", "0");
    assertEquals(2, dt.exitCode());
    assertEquals("snn: --dt must be a number of seconds above 0, got 0.0\n", dt.errLines());
  }
}
