package org.snn4j.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.net.SequentialNet;

/** What NIR cannot express fails naming the layer; dropout, the identity at inference, is left out and reported. */
class NirExportRefusalTest {
  private static String refusal(String spec, Shape input) {
    SequentialNet net = NirNets.build(spec, input, 1);
    return assertThrows(NirExportException.class, () -> NirExport.export(net, Nir.DEFAULT_DT, Map.of())).getMessage();
  }

  @Test
  void layersWithoutANirNodeAreRefused() {
    assertEquals("layer 1 of 2 has tdbn (threshold-dependent batch normalization), which NIR has no node for; fold"
        + " it into the weights before exporting", refusal("dense4,tdbn,lif,dense2,lif", Shape.vector(3)));
    assertTrue(refusal("dense4,alif,dense2,lif", Shape.vector(3)).startsWith("layer 1 of 2 has 'alif"),
        refusal("dense4,alif,dense2,lif", Shape.vector(3)));
    assertEquals("layer 2 of 4 (NeuNorm) has no NIR node; snn4j exports dense, conv, avgpool, flatten and dropout"
        + " layers with lif, if or plif neurons",
        refusal("conv2k3,lif,neunorm,flatten,dense2,lif", Shape.image(1, 5, 5)));
  }

  @Test
  void aVotingReadoutIsRefused() {
    SequentialNet net = NirNets.build("dense4,lif,dense6,lif", Shape.vector(3), 1);
    net.setReadout(org.snn4j.core.net.Readout.vote(3));
    String m = assertThrows(NirExportException.class, () -> NirExport.export(net, Nir.DEFAULT_DT, Map.of()))
        .getMessage();
    assertTrue(m.startsWith("the network's readout is vote:3 (3 voting neurons per class"), m);
  }

  @Test
  void dropoutIsLeftOutAndReported() {
    SequentialNet net = NirNets.build("dense4,lif,dropout0.3,dense2,lif", Shape.vector(3), 1);
    NirExport.Result r = NirExport.export(net, Nir.DEFAULT_DT, Map.of());
    assertEquals(6, r.graph().nodes().size(), "input, fc0, lif0, fc2, lif2, output: " + r.graph().nodes().keySet());
    assertTrue(r.report().lines().contains("not in NIR: layer 2 of 3 is dropout, the identity at inference: left out"),
        r.report().toString());
  }
}
