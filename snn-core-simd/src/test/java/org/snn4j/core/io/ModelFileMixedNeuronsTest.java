package org.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NeuronDynamics;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;

/** An MLP whose layers have different neurons (e.g. imported from NIR) keeps each layer's neuron in its file. */
class ModelFileMixedNeuronsTest {
  @TempDir Path dir;

  @Test
  void eachLayerKeepsItsNeuron() throws Exception {
    Kernels k = Kernels.get();
    LifNeuron first = new LifNeuron(0.5f, 0.25f, false);
    LifNeuron second = new LifNeuron(1f, 0.75f, false);
    SequentialNet net = new SequentialNet(List.of(
        new SpikingLayer(0, new DenseSynapse(4, 5, k), NeuronDynamics.of(first, 5, k), k),
        new SpikingLayer(1, new DenseSynapse(5, 3, k), NeuronDynamics.of(second, 3, k), k)));
    net.spikingLayers().get(1).weight()[7] = 0.125f;
    Path f = dir.resolve("m.snn");
    ModelFile.write(f, net, Map.of(), false);
    SequentialNet back = ModelFile.read(f, k).network();
    assertEquals(NetSpec.of(net).toString(), NetSpec.of(back).toString());
    assertEquals(second, back.spikingLayers().get(1).neuron());
    assertEquals(0.125f, back.spikingLayers().get(1).weight()[7]);
  }
}
