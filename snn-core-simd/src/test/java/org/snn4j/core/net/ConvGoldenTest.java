package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.conv.ConvGeometry;
import org.snn4j.core.conv.ConvSynapse;
import org.snn4j.core.conv.Pool2d;
import org.snn4j.core.conv.PoolGeometry;
import org.snn4j.core.dense.DenseSynapse;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Flatten;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.layer.NeuronDynamics;
import org.snn4j.core.layer.PixelLayout;
import org.snn4j.core.layer.ScalarNeuronDynamics;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.optim.Sgd;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/**
 * The conv STBP contract: every case in {@code stbp-conv-golden/} (conv, stride, padding, 5×5 kernels, average and
 * max pooling, flatten, detach-reset; its README) through a {@link SequentialNet} of conv, pooling, flatten and dense
 * layers and {@link StbpTrainer}, in both kernel twins on 1 and 2 threads, and through the generic neuron path: spike
 * counts exactly, loss within 1e-5, every gradient within 1e-5 of its tensor's largest value. {@code
 * -Dsnn.convGoldenDir=DIR} adds the cases of another folder.
 */
class ConvGoldenTest {
  private static final double TOLERANCE = 1e-5;

  static List<Path> goldenFiles() throws IOException, URISyntaxException {
    List<Path> dirs = new ArrayList<>();
    URL resource = ConvGoldenTest.class.getResource("/stbp-conv-golden/README.md");
    dirs.add(resource != null ? Path.of(resource.toURI()).getParent() : Path.of("../../shared/testdata/stbp-conv-golden"));
    String extra = System.getProperty("snn.convGoldenDir");
    if (extra != null && !extra.isBlank()) {
      dirs.add(Path.of(extra));
    }
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @TestFactory
  Stream<DynamicTest> everyCase() throws Exception {
    List<Path> files = goldenFiles();
    assertFalse(files.isEmpty(), "no conv golden files found");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      tests.add(DynamicTest.dynamicTest(name + " scalar", () -> check(f, KernelSelection.scalar(), 1, false)));
      tests.add(DynamicTest.dynamicTest(name + " vector", () -> check(f, KernelSelection.vector(), 2, false)));
      tests.add(DynamicTest.dynamicTest(name + " generic neuron", () -> check(f, KernelSelection.vector(), 2, true)));
    }
    return tests.stream();
  }

  private static void check(Path file, Kernels kernels, int threads, boolean generic) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    String where = file.getFileName() + " [" + kernels.describe() + (generic ? ", generic neuron" : "") + "] ";
    int steps = root.get("timesteps").asInt();
    int batch = root.get("batch").asInt();
    LifNeuron lif = new LifNeuron((float) root.get("decay").asDouble(), (float) root.get("vth").asDouble(),
        root.get("detach_reset").asBoolean());
    NeuronModel neuron = generic ? new DelegatingNeuron(lif) : lif;
    JsonNode sj = root.get("surrogate");
    SurrogateGradient surrogate = PluginRegistry.load(SurrogateFactory.class).get(sj.get("name").asText())
        .create(PluginSpec.parse(sj.get("name").asText() + ":a=" + sj.get("a").asDouble()));

    JsonNode shape = root.get("input_shape");
    Shape in = Shape.image(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt());
    List<NetworkLayer> layers = new ArrayList<>();
    int weighted = 0;
    for (JsonNode l : root.get("layers")) {
      NetworkLayer layer;
      switch (l.get("type").asText()) {
        case "conv2d" -> {
          ConvGeometry g = new ConvGeometry(in.dim(0), in.dim(1), in.dim(2), l.get("out_channels").asInt(),
              l.get("kernel").asInt(), l.get("stride").asInt(), l.get("padding").asInt());
          ConvSynapse conv = new ConvSynapse(g, kernels);
          JsonNode w = root.get("weights").get(weighted);
          System.arraycopy(g.toPixelMajorWeights(flat(w.get("W"))), 0, conv.weight(), 0, g.weightSize());
          System.arraycopy(flat(w.get("b")), 0, conv.bias(), 0, g.outChannels());
          layer = new SpikingLayer(weighted++, conv, NeuronDynamics.of(neuron, conv.outputShape().size(), kernels),
              kernels);
        }
        case "avgpool2d", "maxpool2d" -> layer = new Pool2d(
            l.get("type").asText().startsWith("avg") ? Pool2d.Kind.AVERAGE : Pool2d.Kind.MAX,
            new PoolGeometry(in.dim(0), in.dim(1), in.dim(2), l.get("kernel").asInt(), l.get("stride").asInt()));
        case "flatten" -> layer = new Flatten(in);
        case "dense" -> {
          int out = l.get("out").asInt();
          DenseSynapse dense = new DenseSynapse(in.size(), out, kernels);
          float[] w = flat(root.get("weights").get(weighted).get("W")); // [out][in]
          for (int j = 0; j < out; j++) {
            for (int i = 0; i < in.size(); i++) {
              dense.weight()[i * out + j] = w[j * in.size() + i];
            }
          }
          System.arraycopy(flat(root.get("weights").get(weighted).get("b")), 0, dense.bias(), 0, out);
          layer = new SpikingLayer(weighted++, dense, NeuronDynamics.of(neuron, out, kernels), kernels);
        }
        default -> throw new IllegalArgumentException(file + ": unknown layer " + l.get("type"));
      }
      layers.add(layer);
      in = layer.outputShape();
    }
    for (int l = 0; l < layers.size(); l++) {
      JsonNode want = root.get("layer_shapes").get(l);
      int[] dims = new int[want.size()];
      for (int d = 0; d < dims.length; d++) {
        dims[d] = want.get(d).asInt();
      }
      assertEquals(Shape.of(dims), layers.get(l).outputShape(), where + "shape of layer " + l);
    }
    SequentialNet net = new SequentialNet(layers);
    if (generic) {
      assertTrue(net.spikingLayers().get(0).dynamics() instanceof ScalarNeuronDynamics, where);
    }

    int n = net.inputSize();
    SpikeTensor input = new SpikeTensor(steps, batch, n);
    JsonNode x = root.get("input_spikes");
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        float[] v = flat(x.get(t).get(b)); // [C][H][W], as datasets give images
        for (int i = 0; i < n; i++) {
          input.set(t, b, i, v[i] != 0);
        }
      }
    }
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      labels[b] = root.get("labels").get(b).asInt();
    }

    float loss;
    StbpTrainer trainer;
    try (WorkerPool pool = new WorkerPool(threads)) {
      trainer = new StbpTrainer(net, surrogate, new MseRateLoss(), new Sgd(1f, 0f), pool);
      loss = trainer.computeGradients(input, labels);
    }
    JsonNode e = root.get("expected");
    assertEquals(e.get("loss").asDouble(), loss, TOLERANCE, where + "loss");

    int spiking = 0;
    for (int l = 0; l < layers.size(); l++) {
      if (!(layers.get(l) instanceof SpikingLayer layer)) {
        continue;
      }
      SpikeTensor spikes = trainer.lastSpikes(l);
      Shape s = layer.outputShape();
      PixelLayout layout = s.rank() == 3 ? new PixelLayout(s.dim(0), s.dim(1), s.dim(2)) : null;
      JsonNode counts = e.get("spike_counts").get(spiking++);
      for (int b = 0; b < batch; b++) {
        float[] count = new float[s.size()];
        for (int t = 0; t < steps; t++) {
          for (int j = 0; j < s.size(); j++) {
            count[j] += spikes.get(t, b, j) ? 1 : 0;
          }
        }
        float[] channelMajor = count;
        if (layout != null) {
          channelMajor = new float[count.length];
          layout.toChannelMajor(count, 0, channelMajor, 0);
        }
        float[] want = flat(counts.get(b));
        for (int j = 0; j < want.length; j++) {
          assertEquals(want[j], channelMajor[j], 0f, where + "spike count of layer " + l + ", sample " + b
              + ", neuron " + j);
        }
      }
    }

    int index = 0;
    for (SpikingLayer layer : net.spikingLayers()) {
      JsonNode g = e.get("grads").get(index);
      float[] gw;
      if (layer.synapse() instanceof ConvSynapse conv) {
        gw = conv.geometry().toTorchWeights(layer.weightGradient());
      } else {
        int rows = layer.inputSize();
        int out = layer.outputSize();
        gw = new float[rows * out];
        for (int j = 0; j < out; j++) {
          for (int i = 0; i < rows; i++) {
            gw[j * rows + i] = layer.weightGradient()[i * out + j];
          }
        }
      }
      assertClose(flat(g.get("W")), gw, where + "layer " + index + " dW");
      assertClose(flat(g.get("b")), layer.biasGradient(), where + "layer " + index + " db");
      index++;
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": size");
    double max = 0;
    for (float v : expected) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > 0, what + ": the golden gradient is all zeros, the case tests nothing");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE * max, what + " at " + i);
    }
  }

  private static float[] flat(JsonNode n) {
    List<Float> out = new ArrayList<>();
    collect(n, out);
    float[] f = new float[out.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = out.get(i);
    }
    return f;
  }

  private static void collect(JsonNode n, List<Float> out) {
    if (n.isArray()) {
      for (JsonNode e : n) {
        collect(e, out);
      }
    } else {
      out.add((float) n.asDouble());
    }
  }
}
