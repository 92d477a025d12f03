package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.Parameter;
import org.snn4j.api.PluginSpec;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.layer.StoredArray;
import org.snn4j.core.layer.TdBatchNorm;

/** The {@code tdbn} token: where it may stand, how it prints, what it builds and counts. */
class NetSpecTdBnTest {
  static final Function<PluginSpec, NeuronModel> NEURONS =
      spec -> new LifNeuron(0.2f, Float.parseFloat(spec.params().getOrDefault("vth", "0.5")), false);

  @Test
  void parsesAndPrintsCanonically() {
    assertEquals("conv8k3p1,tdbn,lif,avgpool2,flatten,dense10,tdbn(alpha=0.5),lif(vth=0.4)",
        NetSpec.parse("conv8k3p1, TDBN ,lif,avgpool2,flatten,dense10,tdbn(alpha=0.50),lif(vth=0.4)").toString());
    assertEquals("dense4,tdbn,lif", NetSpec.parse("dense4,tdbn(alpha=1),lif").toString());
    assertEquals("dense4,tdbn(alpha=2),lif", NetSpec.parse("dense4,tdbn(alpha=2.0),lif").toString());
    NetSpec.TdBn t = (NetSpec.TdBn) NetSpec.parse("dense4,tdbn(alpha=0.25),lif").tokens().get(1);
    assertEquals(0.25, t.alpha());
  }

  @Test
  void tdbnMustSitBetweenASynapseAndItsNeurons() {
    String[][] cases = {
        {"tdbn,dense4,lif", "'tdbn' (token 1) normalizes the currents of a conv or dense layer and must follow one"},
        {"conv4k3,lif,tdbn,avgpool2,flatten,dense2,lif", "'tdbn' (token 3) normalizes the currents of a conv"},
        {"conv4k3,tdbn,tdbn,lif,flatten,dense2,lif", "'tdbn' (token 2) needs the layer's neurons next"},
        {"flatten,tdbn,dense2,lif", "'tdbn' (token 2) normalizes"},
        {"dense4,tdbn,flatten,dense2,lif", "'tdbn' (token 2) needs the layer's neurons next"},
        {"dense4,tdbn", "'tdbn' (token 2) needs the layer's neurons next"},
        {"dense4,tdbn(beta=1),lif", "'tdbn(beta=1)' (token 2) takes only alpha"},
        {"dense4,tdbn(alpha=0),lif", "'tdbn(alpha=0)' (token 2) has alpha '0'; it must be a number above 0"},
        {"dense4,tdbn(alpha=x),lif", "(token 2) has alpha 'x'"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetSpec.parse(c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
    }
  }

  @Test
  void buildsTheNormWithGammaFromAlphaAndTheNeuronsThreshold() {
    SequentialNet net = NetSpec.parse("conv3k3p1,tdbn,lif,flatten,dense4,tdbn(alpha=0.5),lif(vth=0.4),dense2,lif")
        .build(Shape.image(1, 5, 5), NEURONS, 1, Kernels.get());
    List<SpikingLayer> layers = net.spikingLayers();
    TdBatchNorm conv = layers.get(0).norm();
    assertEquals(3, conv.channels());
    assertEquals(75, conv.size());
    assertEquals(1f, conv.gamma()[2], "vth 1 when the neuron token gives none");
    TdBatchNorm dense = layers.get(1).norm();
    assertEquals(4, dense.channels(), "a dense layer's neuron is a channel");
    assertEquals(0.2f, dense.gamma()[0]);
    assertNull(layers.get(2).norm());
    assertEquals(List.of("layer0.weight", "layer0.bias", "layer0.tdbn_weight", "layer0.tdbn_bias"),
        layers.get(0).parameters().stream().map(Parameter::name).toList());
    assertEquals(List.of("layer1.weight", "layer1.bias", "layer1.tdbn_weight", "layer1.tdbn_bias",
        "layer1.tdbn_running_mean", "layer1.tdbn_running_var"),
        layers.get(1).storedArrays().stream().map(StoredArray::name).toList());
    assertTrue(layers.get(0).mixesSamples() && !layers.get(2).mixesSamples());
    assertTrue(!net.isMlp());

    NetSpec written = NetSpec.of(net);
    assertEquals("conv3k3p1,tdbn,lif(decay=0.2;detach_reset=false;vth=0.5),flatten,dense4,tdbn(alpha=0.5),"
        + "lif(decay=0.2;detach_reset=false;vth=0.4),dense2,lif(decay=0.2;detach_reset=false;vth=0.5)",
        written.toString());
    long stored = net.layers().stream().flatMap(l -> l.storedArrays().stream()).mapToLong(a -> a.values().length)
        .sum();
    assertEquals(stored, written.parameterCount(Shape.image(1, 5, 5), NEURONS));
    assertEquals(stored - 4 * 3 - 4 * 4, NetSpec.parse("conv3k3p1,lif,flatten,dense4,lif,dense2,lif")
        .parameterCount(Shape.image(1, 5, 5), NEURONS));
  }

  @Test
  void theSameSeedDrawsTheSameWeightsWithOrWithoutTdbn() {
    SequentialNet with = NetSpec.parse("conv3k3p1,tdbn,lif,flatten,dense4,lif").build(Shape.image(1, 5, 5), NEURONS,
        7, Kernels.get());
    SequentialNet without = NetSpec.parse("conv3k3p1,lif,flatten,dense4,lif").build(Shape.image(1, 5, 5), NEURONS,
        7, Kernels.get());
    for (int l = 0; l < 2; l++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(without.spikingLayers().get(l).weight(),
          with.spikingLayers().get(l).weight());
    }
  }
}
