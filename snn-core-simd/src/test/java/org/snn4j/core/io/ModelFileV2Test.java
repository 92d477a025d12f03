package org.snn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.NeuNorm;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.neuron.PlifNeuron;
import org.snn4j.core.parallel.WorkerPool;

/** Model file version 2: any network's layers and shapes, read back into the same network; damaged files refused. */
class ModelFileV2Test {
  @TempDir Path dir;

  private static SequentialNet convNet() {
    return NetSpec.parse("conv4k3p1,lif,maxpool2,conv3k3s2,plif,avgpool2,flatten,dense5,lif")
        .build(Shape.image(2, 10, 10), s -> s.name().equals("plif") ? new PlifNeuron(0.3f, 0.5f, false)
            : LifNeuron.PAPER, 3, Kernels.get());
  }

  @Test
  void aConvNetRoundTripsAndInfersTheSame() throws Exception {
    SequentialNet net = convNet();
    Path file = dir.resolve("conv.snn");
    ModelFile.write(file, net, Map.of("timesteps", "4"), false);
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(ModelFile.VERSION_NET, ByteBuffer.wrap(bytes, 8, 4).getInt());
    ModelFile.Loaded loaded = ModelFile.read(file, Kernels.get());
    assertEquals("conv4k3p1,lif(decay=0.2;detach_reset=false;vth=0.5),maxpool2,conv3k3s2,"
        + "plif(detach_reset=false;init_decay=0.3;vth=0.5),avgpool2,flatten,dense5,lif(decay=0.2;detach_reset=false;"
        + "vth=0.5)", loaded.header().get("net"));
    assertEquals("2,10,10", loaded.header().get("input_shape"));
    assertEquals("4", loaded.header().get("timesteps"));
    SequentialNet back = loaded.network();
    assertEquals(net.layers().size(), back.layers().size());
    for (int l = 0; l < net.spikingLayers().size(); l++) {
      SpikingLayer a = net.spikingLayers().get(l);
      SpikingLayer b = back.spikingLayers().get(l);
      assertArrayEquals(a.weight(), b.weight());
      assertArrayEquals(a.bias(), b.bias());
      assertArrayEquals(a.neuronParameters(), b.neuronParameters());
      assertEquals(a.neuron().spec(), b.neuron().spec());
    }
    assertArrayEquals(bytes, ModelFile.encode(back, Map.of("timesteps", "4")), "the same network, the same bytes");

    SpikeTensor x = new SpikeTensor(4, 3, 200);
    Random r = new Random(2);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = (byte) (r.nextDouble() < 0.3 ? 1 : 0);
    }
    float[] want = new float[15];
    float[] got = new float[15];
    try (WorkerPool pool = new WorkerPool(2)) {
      FrozenNet.of(net).newSession(pool).infer(x, want);
      FrozenNet.of(back).newSession(pool).infer(x, got);
    }
    assertArrayEquals(want, got);
  }

  @Test
  void aNetWithDropoutAndNeuNormKeepsItsWeightsAndInfersTheSame() throws Exception {
    SequentialNet net = NetSpec.parse("conv4k3p1,lif,neunorm(k=0.8),dropout0.3,avgpool2,flatten,dense5,lif")
        .build(Shape.image(2, 10, 10), s -> LifNeuron.PAPER, 3, Kernels.get());
    float[] w = ((NeuNorm) net.layers().get(1)).weight();
    Random r = new Random(4);
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.3f * (float) r.nextGaussian(); // as after training: not the initial draws
    }
    float[] dense = net.spikingLayers().get(1).weight();
    for (int i = 0; i < dense.length; i++) {
      dense[i] *= 10; // so that the output layer fires and the comparison below sees spikes
    }
    Path file = dir.resolve("norm.snn");
    ModelFile.write(file, net, Map.of(), false);
    ModelFile.Loaded loaded = ModelFile.read(file, Kernels.get());
    assertEquals("conv4k3p1,lif(decay=0.2;detach_reset=false;vth=0.5),neunorm(k=0.8),dropout0.3,avgpool2,flatten,"
        + "dense5,lif(decay=0.2;detach_reset=false;vth=0.5)", loaded.header().get("net"));
    SequentialNet back = loaded.network();
    NeuNorm norm = (NeuNorm) back.layers().get(1);
    assertArrayEquals(w, norm.weight(), "neunorm's w is stored");
    assertEquals(0.8f, norm.k());
    for (int l = 0; l < 2; l++) {
      assertArrayEquals(net.spikingLayers().get(l).weight(), back.spikingLayers().get(l).weight());
    }
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(bytes, ModelFile.encode(back, Map.of()));

    SpikeTensor x = new SpikeTensor(4, 3, 200);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = (byte) (r.nextDouble() < 0.3 ? 1 : 0);
    }
    float[] want = new float[15];
    float[] got = new float[15];
    try (WorkerPool pool = new WorkerPool(2)) {
      FrozenNet.of(net).newSession(pool).infer(x, want);
      FrozenNet.of(back).newSession(pool).infer(x, got);
    }
    assertArrayEquals(want, got);
    float total = 0;
    for (float v : want) {
      total += v;
    }
    assertTrue(total > 0, "the comparison sees output spikes");

    // the reader counts w: the same bytes under a net without the neunorm have too many parameters
    String count = error(ModelBytes.withHeader(bytes, "net", "conv4k3p1,lif,dropout0.3,avgpool2,flatten,dense5,lif"));
    assertTrue(count.contains("bytes of parameters for net"), count);
    w[5] = Float.NaN;
    String nan = error(ModelFile.encode(net, Map.of()));
    assertTrue(nan.contains("layer 2 (400 -> 400) has a non-finite neunorm weight (NaN"), nan);
  }

  @Test
  void anMlpStillWritesVersionOne() throws Exception {
    byte[] bytes = ModelFile.encode(SequentialNet.mlp(new int[] {6, 4, 3}, LifNeuron.PAPER, 1, Kernels.get()), Map.of());
    assertEquals(ModelFile.VERSION, ByteBuffer.wrap(bytes, 8, 4).getInt());
  }

  @Test
  void aDamagedVersionTwoFileIsOneLineNamingTheKey() throws Exception {
    byte[] good = ModelFile.encode(convNet(), Map.of());
    String net = error(ModelBytes.withHeader(good, "net", "conv4k3p1,lif,avgpool2x"));
    assertTrue(net.contains("v2.snn") && net.contains("net=conv4k3p1,lif,avgpool2x") && net.contains("'avgpool2x'")
        && !net.contains("\n"), net);
    String shape = error(ModelBytes.withHeader(good, "input_shape", "2,10"));
    assertTrue(shape.contains("input_shape=2,10") && shape.contains("neither N nor C,H,W"), shape);
    String fit = error(ModelBytes.withHeader(good, "input_shape", "2,3,3"));
    assertTrue(fit.contains("does not fit input_shape [2,3,3]"), fit);
    String other = error(ModelBytes.withHeader(good, "input_shape", "3,10,10"));
    assertTrue(other.contains("bytes of parameters for net"), other);
    String neuron = error(ModelBytes.withHeader(good, "net", "conv4k3p1,nope,maxpool2,conv3k3s2,lif,avgpool2,"
        + "flatten,dense5,lif"));
    assertTrue(neuron.contains("names neuron 'nope'") && neuron.contains("--plugins DIR"), neuron);
  }

  private String error(byte[] bytes) throws Exception {
    Path f = dir.resolve("v2.snn");
    Files.write(f, bytes);
    return assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Kernels.get())).getMessage();
  }
}
