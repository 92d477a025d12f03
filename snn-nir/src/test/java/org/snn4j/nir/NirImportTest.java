package org.snn4j.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.SequentialNet;

/** Import of hand-made graphs: how each neuron parameter maps, and an error naming the node for each refusal. */
class NirImportTest {
  private static final double DT = 1e-4;

  /** A chain input → nodes... → output, edges in order. */
  private static NirGraph chain(int in, int out, NirNode... nodes) {
    Map<String, NirNode> m = new LinkedHashMap<>();
    m.put("in", new NirNode("in", "Input", Map.of("shape", NirArray.int64s(in))));
    List<String> names = new ArrayList<>(List.of("in"));
    for (NirNode n : nodes) {
      m.put(n.name(), n);
      names.add(n.name());
    }
    m.put("out", new NirNode("out", "Output", Map.of("shape", NirArray.int64s(out))));
    names.add("out");
    List<NirGraph.Edge> edges = new ArrayList<>();
    for (int i = 0; i + 1 < names.size(); i++) {
      edges.add(new NirGraph.Edge(names.get(i), names.get(i + 1)));
    }
    return new NirGraph("1.0.7", m, edges);
  }

  private static NirNode affine(String name, int out, int in, float w) {
    float[] v = new float[out * in];
    for (int i = 0; i < v.length; i++) {
      v[i] = w * ((i % 3) - 1 + 0.5f * (i % 2));
    }
    return new NirNode(name, "Affine", Map.of("weight", NirArray.float32(new int[] {out, in}, v),
        "bias", NirArray.float32(new int[] {out}, 0.0625f)));
  }

  private static NirNode lif(String name, int n, double tau, double r, double vLeak, double vth, double vReset) {
    int[] s = {n};
    return new NirNode(name, "LIF", Map.of("tau", NirArray.float64(s, tau), "r", NirArray.float64(s, r),
        "v_leak", NirArray.float64(s, vLeak), "v_threshold", NirArray.float64(s, vth),
        "v_reset", NirArray.float64(s, vReset)));
  }

  private static NirNode ifNode(String name, int n, double r, double vth, double vReset) {
    int[] s = {n};
    return new NirNode(name, "IF", Map.of("r", NirArray.float64(s, r), "v_threshold", NirArray.float64(s, vth),
        "v_reset", NirArray.float64(s, vReset)));
  }

  private static NirImport.Result load(NirGraph g) throws NirFormatException {
    return NirImport.of(g, "g.nir", DT, Kernels.get());
  }

  private static String error(NirGraph g) {
    return assertThrows(NirFormatException.class, () -> load(g)).getMessage();
  }

  private static NirNode li(String name, int n, double tau, double r, double vLeak) {
    int[] s = {n};
    return new NirNode(name, "LI", Map.of("tau", NirArray.float64(s, tau), "r", NirArray.float64(s, r),
        "v_leak", NirArray.float64(s, vLeak)));
  }

  /**
   * A final LI is the membrane readout: decay 1 - dt/tau; its input scale dt·r/tau multiplies the weights and bias
   * and its leak (dt/tau)·v_leak is added to the bias, as a LIF's; the layer takes the neurons of the layer below.
   */
  @Test
  void aFinalLiIsTheMembraneReadout() throws Exception {
    NirImport.Result r = load(chain(4, 2, affine("fc", 3, 4, 0.25f), lif("lif", 3, 5e-4, 5e-4 / DT, 0, 0.3, 0),
        affine("fc2", 2, 3, 0.5f), li("li", 2, 4e-4, 2 * 4e-4 / DT, 0.5)));
    SequentialNet net = r.network();
    assertEquals(org.snn4j.core.net.Readout.membrane(0.75f), net.readout());
    assertEquals(net.spikingLayers().get(0).neuron(), net.spikingLayers().get(1).neuron());
    float[] b = net.spikingLayers().get(1).bias();
    // bias 0.0625 × the input scale 2, plus the leak (1e-4/4e-4)·0.5
    assertEquals(0.0625f * 2f + (float) (DT / 4e-4 * 0.5), b[0]);
    assertEquals(0.5f * 2f * (-1 + 0.5f * 0), net.spikingLayers().get(1).weight()[0]);
    assertTrue(r.report().entries(FidelityReport.Kind.DIFFERS).stream().anyMatch(e -> e.text().contains("node 'li'")),
        r.report().toString());

    assertTrue(error(chain(4, 2, affine("fc", 3, 4, 0.25f), li("li", 3, 4e-4, 4, 0), affine("fc2", 2, 3, 0.5f),
        lif("lif", 2, 5e-4, 5, 0, 0.3, 0))).contains("'li' (LI) is a non-spiking leaky integrator inside the chain"));
    assertTrue(error(chain(4, 3, affine("fc", 3, 4, 0.25f), li("li", 3, 1e9, 1e9 / DT, 0)))
        .contains("rounds to 1"));
  }

  @Test
  void lifParametersMapByEulerStep() throws Exception {
    NirImport.Result r = load(chain(4, 3, affine("fc", 3, 4, 0.25f), lif("lif", 3, 5e-4, 5e-4 / DT, 0, 0.3, 0)));
    LifNeuron n = (LifNeuron) r.network().spikingLayers().get(0).neuron();
    assertEquals(0.8f, n.decay());
    assertEquals(0.3f, n.threshold());
    assertTrue(r.report().entries(FidelityReport.Kind.DIFFERS).stream().noneMatch(e -> e.text().contains("scales")),
        "r = tau/dt is a unit input scale: " + r.report());
  }

  /** v_reset shifts the membrane: IF with v_reset 0.5 and v_threshold 1.5 fires as IF with 0 and 1. */
  @Test
  void resetPotentialIsAShiftOfTheMembrane() throws Exception {
    SequentialNet shifted = load(chain(4, 3, affine("fc", 3, 4, 0.25f), ifNode("if", 3, 1 / DT, 1.5, 0.5)))
        .network();
    SequentialNet plain = load(chain(4, 3, affine("fc", 3, 4, 0.25f), ifNode("if", 3, 1 / DT, 1.0, 0))).network();
    assertEquals(((LifNeuron) plain.neuron()).threshold(), ((LifNeuron) shifted.neuron()).threshold());
    assertEquals(1f, ((LifNeuron) shifted.neuron()).decay());
  }

  /** SpikingJelly's decay_input (r = 1): the input scale dt/tau goes into weights and bias, and the report says so. */
  @Test
  void inputScaleIsFoldedIntoTheSynapseAndReported() throws Exception {
    NirImport.Result unit = load(chain(4, 3, affine("fc", 3, 4, 0.25f), lif("lif", 3, 4e-4, 4, 0, 0.3, 0)));
    NirImport.Result scaled = load(chain(4, 3, affine("fc", 3, 4, 0.25f), lif("lif", 3, 4e-4, 1, 0, 0.3, 0)));
    float[] w1 = unit.network().spikingLayers().get(0).weight();
    float[] w2 = scaled.network().spikingLayers().get(0).weight();
    for (int i = 0; i < w1.length; i++) {
      assertEquals(w1[i] * 0.25f, w2[i]);
    }
    assertEquals(0.0625f * 0.25f, scaled.network().spikingLayers().get(0).bias()[0]);
    assertTrue(scaled.report().lines().stream().anyMatch(l -> l.startsWith("differs: node 'lif' (LIF) scales its"
        + " input by 0.25")), scaled.report().toString());
  }

  @Test
  void leakTowardsAPotentialIsAddedToTheBiasAndReported() throws Exception {
    NirImport.Result r = load(chain(4, 3, affine("fc", 3, 4, 0.25f), lif("lif", 3, 4e-4, 4, 0.4, 0.3, 0)));
    assertEquals(0.0625f + 0.1f, r.network().spikingLayers().get(0).bias()[1]);
    assertTrue(r.report().lines().stream().anyMatch(l -> l.contains("leaks towards v_leak")), r.report().toString());
  }

  /** A CubaLIF whose synaptic current has no memory (tau_syn = dt) is a LIF: the same spikes as the LIF graph. */
  @Test
  void memorylessCubaLifIsLif() throws Exception {
    int[] s = {3};
    NirNode cuba = new NirNode("cuba", "CubaLIF", Map.of("tau_syn", NirArray.float64(s, DT),
        "tau_mem", NirArray.float64(s, 2e-4), "r", NirArray.float64(s, 2.0), "v_leak", NirArray.float64(s, 0),
        "v_threshold", NirArray.float64(s, 0.2), "v_reset", NirArray.float64(s, 0), "w_in", NirArray.float64(s, 1)));
    SequentialNet a = load(chain(4, 3, affine("fc", 3, 4, 0.25f), cuba)).network();
    SequentialNet b = load(chain(4, 3, affine("fc", 3, 4, 0.25f), lif("lif", 3, 2e-4, 2, 0, 0.2, 0))).network();
    SpikeTensor in = NirNets.spikes(6, 2, 4, 0.6, 8);
    assertArrayEquals(b.forward(in).data(), a.forward(in).data());
    assertEquals(b.neuron(), a.neuron());
  }

  @Test
  void cubaLifWithSynapticMemorySaysWhatItNeeds() {
    int[] s = {3};
    NirNode cuba = new NirNode("syn1", "CubaLIF", Map.of("tau_syn", NirArray.float64(s, 5e-4),
        "tau_mem", NirArray.float64(s, 1e-3), "r", NirArray.float64(s, 10), "v_leak", NirArray.float64(s, 0),
        "v_threshold", NirArray.float64(s, 1), "w_in", NirArray.float64(s, 5)));
    String m = error(chain(4, 3, affine("fc", 3, 4, 0.25f), cuba));
    assertTrue(m.startsWith("g.nir: node 'syn1' (CubaLIF) has a synaptic current that decays by 1 - dt/tau_syn = 0.8"),
        m);
    assertTrue(m.contains("I[t] = 0.8·I[t-1] + 1.0·x[t]") && m.contains("snnTorch's Synaptic"), m);
  }

  @Test
  void refusalsNameTheNode() {
    assertEquals("g.nir: node 'd' (Delay) is a NIR primitive snn4j does not import (it imports Input, Output, Affine,"
        + " Linear, Conv2d, AvgPool2d, SumPool2d, Flatten, LIF, IF, CubaLIF, LI (last))",
        error(chain(4, 3, affine("fc", 3, 4, 1), lif("lif", 3, 2e-4, 2, 0, 1, 0),
            new NirNode("d", "Delay", Map.of("delay", NirArray.float64(new int[] {3}, 1))))));
    assertEquals("g.nir: node 'lif' (LIF) follows 'in' (Input); snn4j's neurons sit right after a synapse (Affine,"
        + " Linear or Conv2d)", error(chain(4, 4, lif("lif", 4, 2e-4, 2, 0, 1, 0))));
    assertEquals("g.nir: node 'fc2' (Affine) follows 'fc' (Affine); snn4j needs neurons (LIF, IF or CubaLIF) right"
        + " after every synapse", error(chain(4, 3, affine("fc", 3, 4, 1), affine("fc2", 3, 3, 1))));
    assertEquals("g.nir: node 'fc' (Affine) ends the chain without neurons; snn4j's network ends with a spiking layer"
        + " (its spikes are the output)", error(chain(4, 3, affine("fc", 3, 4, 1))));
    NirNode mixed = new NirNode("lif", "LIF", Map.of("tau", new NirArray(NirArray.FLOAT64, new int[] {3},
        new double[] {2e-4, 2e-4, 3e-4}, null), "r", NirArray.float64(new int[] {3}, 1),
        "v_leak", NirArray.float64(new int[] {3}, 0), "v_threshold", NirArray.float64(new int[] {3}, 1)));
    assertEquals("g.nir: node 'lif' (LIF) has different 'tau' values (2.0E-4, 3.0E-4, ...); snn4j's lif has one per"
        + " layer", error(chain(4, 3, affine("fc", 3, 4, 1), mixed)));
    assertEquals("g.nir: node 'lif' (LIF) has tau 5.0E-5, below the time step 1.0E-4; its decay 1 - dt/tau would be"
        + " negative: import with a --dt of at most tau",
        error(chain(4, 3, affine("fc", 3, 4, 1), lif("lif", 3, 5e-5, 1, 0, 1, 0))));
    assertEquals("g.nir: node 'fc' (Affine) has weight [3, 5]; it takes 4 inputs, so it needs (out, 4)",
        error(chain(4, 3, affine("fc", 3, 5, 1), lif("lif", 3, 2e-4, 2, 0, 1, 0))));
  }

  @Test
  void onlySequentialChainsImport() {
    NirGraph ok = chain(4, 3, affine("fc", 3, 4, 1), lif("lif", 3, 2e-4, 2, 0, 1, 0));
    List<NirGraph.Edge> branch = new ArrayList<>(ok.edges());
    branch.add(new NirGraph.Edge("fc", "out"));
    assertEquals("g.nir: node 'fc' (Affine) has 2 outgoing edges (to lif, out); snn4j imports sequential chains only",
        error(new NirGraph("1.0.7", ok.nodes(), branch)));
    List<NirGraph.Edge> loop = new ArrayList<>(ok.edges());
    loop.set(2, new NirGraph.Edge("lif", "fc"));
    assertTrue(error(new NirGraph("1.0.7", ok.nodes(), loop)).contains("snn4j imports sequential chains only"));
    Map<String, NirNode> nested = new LinkedHashMap<>(ok.nodes());
    nested.put("rnn", new NirNode("rnn", "NIRGraph", Map.of()));
    assertEquals("g.nir: node 'rnn' (NIRGraph) is a nested graph (a subgraph, e.g. a recurrent layer); snn4j imports"
        + " flat sequential chains", error(new NirGraph("1.0.7", nested, ok.edges())));
    Map<String, NirNode> extra = new LinkedHashMap<>(ok.nodes());
    extra.put("stray", lif("stray", 3, 2e-4, 2, 0, 1, 0));
    assertEquals("g.nir: node 'stray' (LIF) is not on the chain from 'in' to 'out'; snn4j imports one sequential"
        + " chain", error(new NirGraph("1.0.7", extra, ok.edges())));
  }

  @Test
  void flattenMustFlattenTheWholeImage() {
    Map<String, NirNode> m = new LinkedHashMap<>();
    m.put("in", new NirNode("in", "Input", Map.of("shape", NirArray.int64s(2, 3, 3))));
    m.put("flat", new NirNode("flat", "Flatten", Map.of("start_dim", NirArray.int64(1), "end_dim",
        NirArray.int64(-1))));
    m.put("out", new NirNode("out", "Output", Map.of("shape", NirArray.int64s(18))));
    NirGraph g = new NirGraph("1.0.7", m, List.of(new NirGraph.Edge("in", "flat"), new NirGraph.Edge("flat", "out")));
    assertEquals("g.nir: node 'flat' (Flatten) flattens dims 1..-1 of [2,3,3], which leaves more than one dimension;"
        + " snn4j flattens a whole image (start_dim=0, end_dim=-1, the batch dimension not counted)", error(g));
  }
}
