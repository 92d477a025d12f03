package org.snn4j.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snn4j.api.SpikeTensor;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.ScalarNeuronDynamics;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.optim.Sgd;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/**
 * The STBP contract: every golden case in the repository's copy of the golden vectors ({@code
 * src/test/resources/stbp-golden/}, kept byte-identical to {@code ../shared/testdata/} by {@link
 * GoldenVectorsCopyTest}), and in {@code -Dsnn.goldenDir} when set, must match in both kernel twins: spike counts
 * exactly; loss, rates and every gradient within 1e-5 of the largest expected value of that quantity.
 */
class StbpGoldenTest {
  private static final double TOLERANCE = 1e-5;

  static List<Path> goldenFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    addJson(GoldenVectorsCopyTest.inRepository("stbp-golden"), files);
    String extra = System.getProperty("snn.goldenDir");
    if (extra != null && !extra.isBlank()) {
      addJson(Path.of(extra), files);
    }
    return files;
  }

  private static void addJson(Path dir, List<Path> files) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
  }

  @TestFactory
  Stream<DynamicTest> scalarTwin() throws IOException {
    assertFalse(goldenFiles().isEmpty(), "no golden files found");
    return goldenFiles().stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, KernelSelection.scalar(), 1)));
  }

  @TestFactory
  Stream<DynamicTest> vectorTwin() throws IOException {
    return goldenFiles().stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, KernelSelection.vector(), 2)));
  }

  /** The same cases through the generic neuron contract ({@link ScalarNeuronDynamics}) instead of the LIF fast path. */
  @TestFactory
  Stream<DynamicTest> genericNeuronPath() throws IOException {
    return goldenFiles().stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, KernelSelection.vector(), 2,
            true)));
  }

  static SurrogateGradient surrogate(GoldenCase c) {
    SurrogateFactory factory = PluginRegistry.load(SurrogateFactory.class).get(c.surrogate.name());
    return factory.create(c.surrogate);
  }

  private static void check(Path file, Kernels kernels, int threads) throws IOException {
    check(file, kernels, threads, false);
  }

  private static void check(Path file, Kernels kernels, int threads, boolean generic) throws IOException {
    GoldenCase c = GoldenCase.read(file);
    SequentialNet net = SequentialNet.mlp(c.sizes, generic ? new DelegatingNeuron(c.neuron) : c.neuron, kernels);
    assertEquals(generic, ((SpikingLayer) net.layers().get(0)).dynamics() instanceof ScalarNeuronDynamics);
    c.loadWeights(net);
    float loss;
    StbpTrainer trainer;
    try (WorkerPool pool = new WorkerPool(threads)) {
      trainer = new StbpTrainer(net, surrogate(c), new MseRateLoss(), new Sgd(1f, 0f), pool);
      loss = trainer.computeGradients(c.input, c.labels);
    }
    JsonNode e = c.expected;
    String where = c.name + " [" + kernels.describe() + (generic ? ", generic neuron" : "") + "] ";
    assertEquals(e.get("loss").asDouble(), loss, TOLERANCE * Math.max(1, Math.abs(e.get("loss").asDouble())),
        where + "loss");

    for (int l = 0; l < net.layers().size(); l++) {
      SpikeTensor spikes = trainer.lastSpikes(l);
      JsonNode counts = e.get("spike_counts").get(l);
      for (int b = 0; b < c.batch; b++) {
        for (int j = 0; j < spikes.size(); j++) {
          int n = 0;
          for (int t = 0; t < c.timesteps; t++) {
            n += spikes.get(t, b, j) ? 1 : 0;
          }
          assertEquals(counts.get(b).get(j).asInt(), n, where + "spike count of layer " + l + " sample " + b
              + " neuron " + j);
        }
      }
    }

    float[] rates = trainer.lastRates();
    int classes = c.sizes[c.sizes.length - 1];
    for (int b = 0; b < c.batch; b++) {
      for (int k = 0; k < classes; k++) {
        assertEquals(e.get("output_rate").get(b).get(k).asDouble(), rates[b * classes + k], 1e-6,
            where + "output rate " + b + "," + k);
      }
    }

    for (int l = 0; l < net.layers().size(); l++) {
      SpikingLayer layer = net.spikingLayers().get(l);
      JsonNode gw = e.get("grads").get(l).get("W");
      JsonNode gb = e.get("grads").get(l).get("b");
      int out = layer.outputSize();
      double maxW = 0;
      double maxB = 0;
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < layer.inputSize(); i++) {
          maxW = Math.max(maxW, Math.abs(gw.get(j).get(i).asDouble()));
        }
        maxB = Math.max(maxB, Math.abs(gb.get(j).asDouble()));
      }
      assertTrue(maxW > 0, where + "golden layer " + l + " has an all-zero weight gradient: the case tests nothing");
      double worstW = 0;
      double worstB = 0;
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < layer.inputSize(); i++) {
          worstW = Math.max(worstW, Math.abs(gw.get(j).get(i).asDouble() - layer.weightGradient()[i * out + j]));
        }
        worstB = Math.max(worstB, Math.abs(gb.get(j).asDouble() - layer.biasGradient()[j]));
      }
      assertTrue(worstW <= TOLERANCE * maxW,
          where + "layer " + l + " dW off by " + worstW + " (largest gradient " + maxW + ")");
      assertTrue(worstB <= TOLERANCE * Math.max(maxB, 1e-12),
          where + "layer " + l + " db off by " + worstB + " (largest gradient " + maxB + ")");
    }
  }
}
