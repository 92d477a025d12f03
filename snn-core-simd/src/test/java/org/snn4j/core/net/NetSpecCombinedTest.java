package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.NeuNorm;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.StoredArray;

/** tdbn, dropout and neunorm in one net: the parser takes neunorm after a normalized conv layer's neurons. */
class NetSpecCombinedTest {
  @Test
  void neunormFollowsTheNeuronsOfANormalizedConv() {
    NetSpec spec = NetSpec.parse("conv4k3p1,tdbn,lif,neunorm,dropout0.25,avgpool2,flatten,dense3,tdbn,lif");
    assertEquals("conv4k3p1,tdbn,lif,neunorm(k=0.9),dropout0.25,avgpool2,flatten,dense3,tdbn,lif", spec.toString());
    Shape input = Shape.image(2, 6, 6);
    SequentialNet net = spec.build(input, s -> LifNeuron.PAPER, 7, Kernels.get());
    assertInstanceOf(NeuNorm.class, net.layers().get(1));
    long stored = 0;
    for (NetworkLayer layer : net.layers()) {
      for (StoredArray a : layer.storedArrays()) {
        stored += a.values().length;
      }
    }
    assertEquals(stored, spec.parameterCount(input, s -> LifNeuron.PAPER), "the model file's length check");
    String lif = "lif(decay=0.2;detach_reset=false;vth=0.5)";
    assertEquals("conv4k3p1,tdbn," + lif + ",neunorm(k=0.9),dropout0.25,avgpool2,flatten,dense3,tdbn," + lif,
        NetSpec.of(net).toString(), "what a model file records");
  }
}
