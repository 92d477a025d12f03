package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginSpec;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Dropout;
import org.snn4j.core.layer.Shape;

/** The --net tokens of layers besides synapses, neurons, pooling and flatten: dropout. */
class NetSpecLayersTest {
  private static final Function<PluginSpec, NeuronModel> NEURONS = spec -> LifNeuron.PAPER;

  private static void assertMessage(String spec, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetSpec.parse(spec));
    assertTrue(e.getMessage().startsWith("--net: ") && e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void dropoutParsesPrintsAndBuilds() {
    NetSpec spec = NetSpec.parse("conv4k3p1,lif,Dropout0.20,avgpool2,flatten,dropout.5,dense3,lif");
    assertEquals("conv4k3p1,lif,dropout0.2,avgpool2,flatten,dropout0.5,dense3,lif", spec.toString());
    assertEquals(new NetSpec.DropoutToken(0.2), spec.tokens().get(2));
    SequentialNet net = spec.build(Shape.image(2, 6, 6), NEURONS, 42, Kernels.get());
    Dropout d = (Dropout) net.layers().get(1);
    assertEquals(Shape.image(4, 6, 6), d.inputShape());
    assertEquals(Shape.image(4, 6, 6), d.outputShape());
    assertEquals(0.2, d.probability());
    assertEquals(42, d.seed(), "the build's seed");
    assertEquals(1, d.index(), "its position in the network");
    Dropout second = (Dropout) net.layers().get(4);
    assertEquals(Shape.vector(36), second.inputShape());
    assertEquals(4, second.index());
    assertEquals(spec.toString(), NetSpec.of(net).toString().replaceAll("\\(decay[^)]*\\)", ""));
    SequentialNet zero = spec.build(Shape.image(2, 6, 6), NEURONS, Kernels.get());
    assertEquals(zero.spikingLayers().get(0).weight().length, net.spikingLayers().get(0).weight().length);
    assertEquals(spec.parameterCount(Shape.image(2, 6, 6), NEURONS),
        NetSpec.parse("conv4k3p1,lif,avgpool2,flatten,dense3,lif").parameterCount(Shape.image(2, 6, 6), NEURONS),
        "dropout has no parameters");
    // dropout leaves the weights' draws alone
    SequentialNet plain = NetSpec.parse("conv4k3p1,lif,avgpool2,flatten,dense3,lif")
        .build(Shape.image(2, 6, 6), NEURONS, 42, Kernels.get());
    for (int l = 0; l < 2; l++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(plain.spikingLayers().get(l).weight(),
          net.spikingLayers().get(l).weight());
    }
  }

  @Test
  void dropoutErrorsNameTheTokenAndItsPosition() {
    assertMessage("dense10,lif,dropout1.5,dense4,lif", "'dropout1.5' (token 3) has probability 1.5, which is not in (0,1)");
    assertMessage("dense10,lif,dropout0,dense4,lif", "'dropout0' (token 3) has probability 0");
    assertMessage("dense10,lif,dropout,dense4,lif", "'dropout' (token 3) is not a dropout; write dropoutP");
    assertMessage("dense10,lif,dropout0.2.1,dense4,lif", "'dropout0.2.1' (token 3) is not a dropout");
    assertMessage("dense10,dropout0.2,lif", "'dense10' (token 1) needs its neurons next");
    assertMessage("dense10,lif,dropout0.2", "'dropout0.2' (token 3) ends the network");
  }
}
