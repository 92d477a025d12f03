package org.snn4j.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.neuron.PlifNeuron;
import org.snn4j.core.parallel.WorkerPool;

/** snn4j → NIR file → snn4j gives the same network bit for bit, for every node snn4j writes. */
class NirRoundTripTest {
  @TempDir Path dir;

  /** Conv2d, LIF, AvgPool2d, Flatten, Affine, IF, Input and Output in one chain. */
  @Test
  void convNetRoundTripsBitForBit() throws Exception {
    SequentialNet net = NirNets.build("conv4k3p1,lif(decay=0.7;vth=0.4),avgpool2,conv3k3s2,if(vth=0.3),flatten,"
        + "dense6,lif(decay=0.9;vth=0.25),dense3,lif", Shape.image(2, 10, 10), 5);
    SequentialNet back = roundTrip(net, Nir.DEFAULT_DT);
    assertEquals(NetSpec.of(net).toString(), NetSpec.of(back).toString());
    NirNets.assertSameParameters(net, back);
    assertArrayEquals(ModelFile.encode(net, Map.of()), ModelFile.encode(back, Map.of()), "model file bytes");
    SpikeTensor in = NirNets.spikes(8, 4, 200, 0.4, 1);
    SpikeTensor expected = net.forward(in);
    assertArrayEquals(expected.data(), back.forward(in).data());
    assertTrue(countSpikes(expected) > 0, "the check needs output spikes");
  }

  /** An MLP on vector input (no Flatten node), with the paper's LIF and decay 0 (tau = dt). */
  @Test
  void mlpRoundTripsWithAnyDt() throws Exception {
    SequentialNet net = NirNets.build("dense20,lif(decay=0;vth=0.1),dense7,lif", Shape.vector(30), 9);
    for (double dt : new double[] {1e-4, 1e-3, 1.0, 0.37}) {
      SequentialNet back = roundTrip(net, dt);
      NirNets.assertSameParameters(net, back);
      assertEquals(NetSpec.of(net).toString(), NetSpec.of(back).toString(), "dt " + dt);
    }
  }

  /**
   * A membrane readout goes out as an LI node after its layer's Affine or Conv2d and comes back as the same readout:
   * the same parameters, model file bytes and scores, bit for bit, at several dt and decays (0: tau = dt).
   */
  @Test
  void membraneReadoutRoundTripsAsLi() throws Exception {
    for (String spec : new String[] {"dense12,lif(decay=0.6;vth=0.3),dense4,lif(decay=0.6;vth=0.3)",
        "conv3k3p1,lif(decay=0.6;vth=0.3),avgpool2,flatten,dense4,lif(decay=0.6;vth=0.3)"}) {
      boolean conv = spec.startsWith("conv");
      Shape input = conv ? Shape.image(2, 6, 6) : Shape.vector(9);
      for (float decay : new float[] {0.7f, 0f, 0.95f}) {
        SequentialNet net = NirNets.build(spec, input, 11);
        net.setReadout(Readout.membrane(decay));
        for (double dt : new double[] {1e-4, 0.37}) {
          NirExport.Result r = NirExport.export(net, dt, Map.of());
          int last = net.layers().size() - 1;
          NirNode li = r.graph().nodes().get("li" + last);
          assertEquals("LI", li.type(), spec);
          assertEquals(decay, LifMapping.decay(li.get("tau").numbers()[0], dt));
          assertEquals(li.get("tau").numbers()[0] / dt, li.get("r").numbers()[0]);
          assertEquals(new NirGraph.Edge("li" + last, "output"), r.graph().edges().get(r.graph().edges().size() - 1));
          SequentialNet back = roundTrip(net, dt);
          String at = spec + " decay " + decay + " dt " + dt;
          assertEquals(net.readout(), back.readout(), at);
          NirNets.assertSameParameters(net, back);
          assertArrayEquals(ModelFile.encode(net, Map.of()), ModelFile.encode(back, Map.of()), at);
          SpikeTensor in = NirNets.spikes(8, 3, input.size(), 0.4, 2);
          float[] want = new float[3 * 4];
          float[] got = new float[3 * 4];
          try (WorkerPool pool = new WorkerPool(1)) {
            FrozenNet.of(net).newSession(pool).infer(in, want);
            FrozenNet.of(back).newSession(pool).infer(in, got);
          }
          assertArrayEquals(want, got, at);
          assertTrue(Arrays.stream(new double[] {want[0], want[1], want[2], want[3]}).distinct().count() > 1, at);
        }
      }
    }
  }

  /**
   * A trained plif layer goes out as the LIF of its learned decay (IF when sigmoid(w) rounds to 1) and comes back as
   * lif with that decay: the same spikes, bit for bit; the report says the decay is no longer learned.
   */
  @Test
  void plifExportsAsTheLifOfItsLearnedDecay() throws Exception {
    SequentialNet net = NirNets.build("conv3k3p1,plif(init_decay=0.3;vth=0.4),avgpool2,flatten,dense6,plif(vth=0.3),"
        + "dense4,plif(init_decay=0.5;vth=0.25)", Shape.image(2, 6, 6), 7);
    List<SpikingLayer> spiking = net.spikingLayers();
    spiking.get(0).neuronParameters()[0] = 0.83f; // as if trained: decays away from their initial values
    spiking.get(1).neuronParameters()[0] = -1.7f;
    spiking.get(2).neuronParameters()[0] = 40f; // sigmoid rounds to 1: an IF
    float d0 = PlifNeuron.decay(new float[] {0.83f});
    float d1 = PlifNeuron.decay(new float[] {-1.7f});
    assertTrue(d0 != 0.3f && d1 != 0.2f && d0 > 0f && d0 < 1f && d1 > 0f && d1 < 1f);
    NirExport.Result r = NirExport.export(net, Nir.DEFAULT_DT, Map.of());
    assertEquals(d0, LifMapping.decay(r.graph().nodes().get("lif0").get("tau").numbers()[0], Nir.DEFAULT_DT));
    assertEquals("IF", r.graph().nodes().get("if4").type(), r.graph().nodes().keySet().toString());
    assertEquals(3, r.report().entries(FidelityReport.Kind.NOT_IN_NIR).stream()
        .filter(e -> e.text().contains("plif decay is a trained parameter")).count(), r.report().toString());
    SequentialNet back = roundTrip(net, Nir.DEFAULT_DT);
    assertEquals("conv3k3p1,lif(decay=" + d0 + ";detach_reset=false;vth=0.4),avgpool2,flatten,dense6,lif(decay=" + d1
        + ";detach_reset=false;vth=0.3),dense4,lif(decay=1.0;detach_reset=false;vth=0.25)",
        NetSpec.of(back).toString());
    SpikeTensor in = NirNets.spikes(8, 4, 72, 0.4, 3);
    SpikeTensor expected = net.forward(in);
    assertArrayEquals(expected.data(), back.forward(in).data());
    assertTrue(countSpikes(expected) > 0, "the check needs output spikes");
  }

  /** Export writes snnTorch's convention: tau = dt/(1-decay), r = tau/dt, the Affine as snn4j's weights transposed. */
  @Test
  void exportUsesSnnTorchConvention() throws Exception {
    SequentialNet net = NirNets.build("dense3,lif(decay=0.75;vth=0.5)", Shape.vector(2), 3);
    NirExport.Result r = NirExport.export(net, 1e-4, Map.of());
    NirNode lif = r.graph().nodes().get("lif0");
    assertEquals("LIF", lif.type());
    assertEquals(4e-4, lif.get("tau").numbers()[0], 1e-18);
    assertEquals(lif.get("tau").numbers()[0] / 1e-4, lif.get("r").numbers()[0]);
    assertEquals(0.5, lif.get("v_threshold").numbers()[0]);
    NirNode fc = r.graph().nodes().get("fc0");
    assertArrayEquals(new int[] {3, 2}, fc.get("weight").shape());
    float[] w = net.spikingLayers().get(0).weight(); // [in][out]
    assertEquals(w[1 * 3 + 2], (float) fc.get("weight").numbers()[2 * 2 + 1]);
    assertEquals(List.of(new NirGraph.Edge("input", "fc0"), new NirGraph.Edge("fc0", "lif0"),
        new NirGraph.Edge("lif0", "output")), r.graph().edges());
    assertFalse(r.report().entries(FidelityReport.Kind.NOT_IN_NIR).isEmpty(), "the surrogate is named");
  }

  /** tau(decay) gives back the same float decay for every decay in a sweep, at several dt. */
  @Test
  void tauOfDecayIsExactInverse() {
    List<Float> decays = new ArrayList<>(List.of(0f, 1e-7f, 0.2f, 0.5f, 0.9f, 0.99f, 0.999999f, Math.nextDown(1f)));
    java.util.Random rnd = new java.util.Random(4);
    for (int i = 0; i < 2000; i++) {
      decays.add(rnd.nextFloat());
    }
    for (double dt : new double[] {1e-4, 1e-3, 1, 3.3e-5}) {
      for (float d : decays) {
        assertEquals(d, LifMapping.decay(LifMapping.tau(d, dt), dt), "decay " + d + " dt " + dt);
      }
    }
  }

  /** The HDF5 layer keeps every field's dtype, shape and values (strings, scalars, 4-D float32, float64). */
  @Test
  void hdf5KeepsEveryField() throws Exception {
    SequentialNet net = NirNets.build("conv2k3,lif,avgpool2,flatten,dense4,if", Shape.image(3, 8, 8), 2);
    NirGraph g = NirExport.export(net, 1e-4, Map.of()).graph();
    Path f = dir.resolve("g.nir");
    NirHdf5.write(f, g);
    NirGraph back = NirHdf5.read(f);
    assertEquals(NirHdf5.VERSION, back.version());
    assertEquals(g.edges(), back.edges());
    assertEquals(g.nodes().keySet(), back.nodes().keySet());
    for (NirNode n : g.nodes().values()) {
      NirNode b = back.nodes().get(n.name());
      assertEquals(n.type(), b.type());
      assertEquals(n.fields(), b.fields(), n.name());
    }
    assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().equals("g.nir")), "no temporary left");
  }

  private SequentialNet roundTrip(SequentialNet net, double dt) throws Exception {
    Path f = dir.resolve("net.nir");
    Nir.export(net, f, dt, Map.of());
    return Nir.importFile(f, dt, Kernels.get()).network();
  }

  private static int countSpikes(SpikeTensor t) {
    int n = 0;
    for (byte b : t.data()) {
      n += b;
    }
    return n;
  }
}
