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
import org.snn4j.core.layer.NeuNorm;
import org.snn4j.core.layer.Shape;

/** The --net tokens of layers besides synapses, neurons, pooling and flatten: dropout and neunorm. */
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

  @Test
  void neunormParsesPrintsAndBuildsAfterAConvLayersNeurons() {
    NetSpec spec = NetSpec.parse("conv4k3p1,lif,NeuNorm,avgpool2,conv3k3,lif,neunorm( k = 0.75 ),dropout0.1,flatten,"
        + "dense3,lif");
    assertEquals("conv4k3p1,lif,neunorm(k=0.9),avgpool2,conv3k3,lif,neunorm(k=0.75),dropout0.1,flatten,dense3,lif",
        spec.toString(), "k is always written, so a model file does not depend on the default");
    assertEquals(new NetSpec.NeuNormToken(0.9f), spec.tokens().get(2));
    assertEquals(spec.toString(), NetSpec.parse(spec.toString()).toString());
    Shape input = Shape.image(2, 8, 8);
    SequentialNet net = spec.build(input, NEURONS, 42, Kernels.get());
    NeuNorm first = (NeuNorm) net.layers().get(1);
    NeuNorm second = (NeuNorm) net.layers().get(4);
    assertEquals(Shape.image(4, 8, 8), first.inputShape());
    assertEquals(Shape.image(3, 2, 2), second.outputShape());
    assertEquals(0.9f, first.k());
    assertEquals(0.75f, second.k());
    assertEquals("layer0.neunorm_weight", first.parameters().get(0).name(), "named after the conv layer it follows");
    assertEquals("layer1.neunorm_weight", second.parameters().get(0).name());
    assertEquals(spec.toString(), NetSpec.of(net).toString().replaceAll("\\(decay[^)]*\\)", ""));
    assertEquals(NetSpec.parse("conv4k3p1,lif,avgpool2,conv3k3,lif,flatten,dense3,lif").parameterCount(input, NEURONS)
        + 4 * 8 * 8 + 3 * 2 * 2, spec.parameterCount(input, NEURONS), "w of each neunorm, [C,H,W]");
    long params = net.parameters().stream().mapToLong(p -> p.value().length).sum();
    assertEquals(params, spec.parameterCount(input, NEURONS));
  }

  @Test
  void neunormWeightsStartUniformInTheKaimingBoundAndLeaveTheOtherDrawsAlone() {
    Shape input = Shape.image(2, 8, 8);
    String with = "conv4k3p1,lif,neunorm,avgpool2,flatten,dense3,lif";
    SequentialNet a = NetSpec.parse(with).build(input, NEURONS, 42, Kernels.get());
    SequentialNet b = NetSpec.parse(with).build(input, NEURONS, 42, Kernels.get());
    SequentialNet c = NetSpec.parse(with).build(input, NEURONS, 43, Kernels.get());
    SequentialNet plain = NetSpec.parse("conv4k3p1,lif,avgpool2,flatten,dense3,lif").build(input, NEURONS, 42,
        Kernels.get());
    float[] w = ((NeuNorm) a.layers().get(1)).weight();
    float bound = (float) (1 / Math.sqrt(64));
    double sum = 0;
    double max = 0;
    for (float v : w) {
      assertTrue(Math.abs(v) <= bound, v + " outside ±" + bound);
      sum += v;
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > 0.9 * bound, "spread over the range: " + max);
    assertTrue(Math.abs(sum / w.length) < 0.3 * bound, "centred: mean " + sum / w.length);
    org.junit.jupiter.api.Assertions.assertArrayEquals(w, ((NeuNorm) b.layers().get(1)).weight(), "the same seed");
    assertTrue(!java.util.Arrays.equals(w, ((NeuNorm) c.layers().get(1)).weight()), "another seed");
    for (int l = 0; l < 2; l++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(plain.spikingLayers().get(l).weight(),
          a.spikingLayers().get(l).weight(), "neunorm draws after every spiking layer");
    }
    SequentialNet zero = NetSpec.parse(with).build(input, NEURONS, Kernels.get());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[w.length], ((NeuNorm) zero.layers().get(1)).weight());
  }

  @Test
  void neunormErrorsNameTheTokenAndItsPosition() {
    assertMessage("dense10,lif,neunorm,dense4,lif", "'neunorm' (token 3) must come right after a conv layer's neurons");
    assertMessage("conv4k3,lif,avgpool2,neunorm,flatten,dense4,lif", "'neunorm' (token 4) must come right after");
    assertMessage("neunorm,conv4k3,lif,flatten,dense4,lif", "'neunorm' (token 1) must come right after");
    assertMessage("conv4k3,lif,neunorm,neunorm,flatten,dense4,lif", "'neunorm' (token 4) must come right after");
    assertMessage("conv4k3,lif,neunorm(k=1.5),flatten,dense4,lif", "'neunorm(k=1.5)' (token 3) has k=1.5, which is not"
        + " a number in [0,1)");
    assertMessage("conv4k3,lif,neunorm(k=1),flatten,dense4,lif", "(token 3) has k=1,");
    assertMessage("conv4k3,lif,neunorm(k=x),flatten,dense4,lif", "(token 3) has k=x,");
    assertMessage("conv4k3,lif,neunorm(c=3),flatten,dense4,lif", "'neunorm(c=3)' (token 3) has parameter 'c=3';"
        + " neunorm takes only k");
    assertMessage("conv4k3,lif,neunorm0.8,flatten,dense4,lif", "'neunorm0.8' (token 3) is not a neunorm");
    assertMessage("conv4k3,lif,neunorm", "'neunorm(k=0.9)' (token 3) ends the network");
    // on a vector input the conv layer before it already fails; a spec built by hand for a vector still names it
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetSpec.parse("conv4k3,lif,neunorm,flatten,dense4,lif").build(Shape.vector(16), NEURONS, Kernels.get()));
    assertTrue(e.getMessage().contains("'conv4k3' (token 1) needs an image input [C,H,W], got [16]"), e.getMessage());
  }
}
