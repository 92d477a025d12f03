package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginSpec;
import org.snn4j.core.conv.ConvSynapse;
import org.snn4j.core.conv.Pool2d;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.neuron.PlifNeuron;

/** The --net grammar: parsing, presets, errors that name the token, and the networks it builds. */
class NetSpecTest {
  private static final Function<PluginSpec, NeuronModel> NEURONS = spec -> switch (spec.name()) {
    case "lif" -> new LifNeuron(Float.parseFloat(spec.params().getOrDefault("decay", "0.2")), 0.5f, false);
    case "plif" -> new PlifNeuron(0.2f, 0.5f, false);
    default -> throw new IllegalArgumentException("unknown neuron " + spec.name());
  };

  @Test
  void theScnnPresetIsTheReferenceNet() {
    NetSpec spec = NetSpec.parse("stbp-scnn");
    assertEquals("conv32k3p1,lif,avgpool2,conv32k3p1,lif,avgpool2,flatten,dense128,lif,dense10,lif", spec.toString());
    SequentialNet net = spec.build(Shape.image(1, 28, 28), NEURONS, 0, Kernels.get());
    List<Shape> shapes = net.layers().stream().map(NetworkLayer::outputShape).toList();
    assertEquals(List.of(Shape.image(32, 28, 28), Shape.image(32, 14, 14), Shape.image(32, 14, 14),
        Shape.image(32, 7, 7), Shape.vector(1568), Shape.vector(128), Shape.vector(10)), shapes);
    assertTrue(net.layers().get(0) instanceof SpikingLayer s && s.synapse() instanceof ConvSynapse);
    assertTrue(net.layers().get(1) instanceof Pool2d p && p.kind() == Pool2d.Kind.AVERAGE);
    int weights = net.spikingLayers().stream().mapToInt(l -> l.weight().length + l.bias().length).sum();
    assertEquals(9 * 32 + 32 + 9 * 32 * 32 + 32 + 1568 * 128 + 128 + 128 * 10 + 10, weights);
    // PyTorch's default init: uniform in ±1/sqrt(fan_in), fan_in = 9 for the first conv
    float[] w0 = net.spikingLayers().get(0).weight();
    float max = 0;
    for (float v : w0) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max <= 1f / 3 && max > 0.3f, "first conv's weights within ±1/3: " + max);
  }

  @Test
  void tokensRoundTripInCanonicalForm() {
    assertEquals("conv16k5s2p2,plif(init_decay=0.5;vth=0.4),maxpool3s2,flatten,dense10,lif",
        NetSpec.parse(" Conv16k5s2p2, plif(init_decay=0.5;vth=0.4), maxpool3s2 ,flatten,dense10,LIF").toString());
    assertEquals("conv8k3,lif,avgpool2,flatten,dense4,lif", NetSpec.parse("conv8k3s1p0,lif,avgpool2s2,flatten,dense4,lif")
        .toString());
    NetSpec.Neuron n = (NetSpec.Neuron) NetSpec.parse("dense4,lif(decay=0.3)").tokens().get(1);
    assertEquals("0.3", n.spec().params().get("decay"));
  }

  @Test
  void errorsNameTheTokenAndItsPosition() {
    assertMessage("conv32k3p1,avgpool2,flatten,dense10,lif", "'conv32k3p1' (token 1) needs its neurons next");
    assertMessage("conv32x3,lif", "'conv32x3' (token 1) is not a layer");
    assertMessage("lif,dense10,lif", "'lif' (token 1) is a neuron but does not follow");
    assertMessage("dense10,lif,avgpool2", "'avgpool2' (token 3) ends the network");
    assertMessage("conv0k3,lif", "'conv0k3' (token 1) has output channels 0");
    assertMessage("dense10,lif,,dense4,lif", "(token 3) is empty");
    assertMessage("dense4,lif(decay)", "not key=value");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetSpec.parse("conv4k3,lif,dense10,lif").build(Shape.image(1, 8, 8), NEURONS, Kernels.get()));
    assertTrue(e.getMessage().contains("'dense10' (token 3) needs a vector input, got [4,6,6]; put flatten before it"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NetSpec.parse("conv4k9,lif,flatten,dense10,lif").build(Shape.image(1, 8, 8), NEURONS, Kernels.get()));
    assertTrue(e.getMessage().contains("'conv4k9' (token 1) does not fit its input [1,8,8]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NetSpec.parse(" "));
    assertTrue(e.getMessage().contains("stbp-scnn"), e.getMessage());
  }

  private static void assertMessage(String spec, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetSpec.parse(spec));
    assertTrue(e.getMessage().startsWith("--net: ") && e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void anMlpWrittenAsANetIsTheMlpDrawForDraw() {
    Kernels k = Kernels.get();
    SequentialNet fromSpec = NetSpec.parse("flatten,dense30,lif,dense10,lif").build(Shape.image(1, 5, 5), NEURONS, 7, k);
    SequentialNet mlp = SequentialNet.mlp(new int[] {25, 30, 10}, LifNeuron.PAPER, 7, k);
    for (int l = 0; l < 2; l++) {
      assertArrayEquals(mlp.spikingLayers().get(l).weight(), fromSpec.spikingLayers().get(l).weight());
      assertArrayEquals(mlp.spikingLayers().get(l).bias(), fromSpec.spikingLayers().get(l).bias());
    }
  }
}
