package org.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.optim.Adam;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.Evaluation;
import org.snn4j.core.train.ProgressListener;
import org.snn4j.core.train.TestData;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.plugins.PluginRegistry;

/** Every built-in neuron trains with STBP, learns, saves and loads, and is reproducible across thread counts. */
class NeuronTrainingTest {
  @TempDir Path dir;

  private static SequentialNet train(String neuronSpec, int threads) {
    NeuronModel neuron = BuiltinNeuronContractTest.create(neuronSpec);
    SequentialNet net = SequentialNet.mlp(new int[] {40, 30, 4}, neuron, 9, Kernels.get());
    try (WorkerPool pool = new WorkerPool(threads)) {
      StbpTrainer trainer = new StbpTrainer(net,
          PluginRegistry.load(SurrogateFactory.class).get("sigmoid").create(PluginSpec.parse("sigmoid")),
          new MseRateLoss(), new Adam(1e-2f), pool);
      TrainingLoop loop = TestData.loop(trainer, pool);
      for (int e = 1; e <= 4; e++) {
        loop.trainEpoch(TestData.train(), e, ProgressListener.NONE);
      }
    }
    return net;
  }

  @ParameterizedTest
  @ValueSource(strings = {"lif", "if", "plif", "alif"})
  void learnsAndRoundTripsThroughTheModelFile(String spec) throws Exception {
    SequentialNet net = train(spec, 2);
    Evaluation ev;
    try (WorkerPool pool = new WorkerPool(2)) {
      StbpTrainer runner = new StbpTrainer(net,
          PluginRegistry.load(SurrogateFactory.class).get("sigmoid").create(PluginSpec.parse("sigmoid")),
          new MseRateLoss(), new Adam(1e-2f), pool);
      ev = TestData.loop(runner, pool).evaluate(TestData.test(), ProgressListener.NONE);
    }
    assertTrue(ev.accuracyPercent() >= 80, spec + " accuracy " + ev.accuracyPercent());

    Path f = dir.resolve(spec + ".snn");
    ModelFile.write(f, net, Map.of(), false);
    SequentialNet loaded = ModelFile.read(f, Kernels.get()).network();
    assertEquals(net.neuron(), loaded.neuron());
    for (int l = 0; l < 2; l++) {
      SpikingLayer a = net.spikingLayers().get(l);
      SpikingLayer b = loaded.spikingLayers().get(l);
      assertArrayEquals(a.weight(), b.weight());
      assertArrayEquals(a.neuronParameters(), b.neuronParameters());
    }
    assertArrayEquals(Files.readAllBytes(f), ModelFile.encode(loaded, Map.of()));
  }

  @Test
  void plifLearnsItsDecay() {
    SequentialNet net = train("plif:init_decay=0.2", 1);
    float[] initial = new float[1];
    net.neuron().initialParameters(initial);
    for (SpikingLayer layer : net.spikingLayers()) {
      assertEquals(1, layer.neuronParameters().length);
      assertNotEquals(initial[0], layer.neuronParameters()[0], "the decay parameter was trained");
    }
  }

  @Test
  void genericPathIsReproducibleAcrossThreadCounts() throws Exception {
    assertArrayEquals(ModelFile.encode(train("alif", 1), Map.of()), ModelFile.encode(train("alif", 2), Map.of()));
    assertArrayEquals(ModelFile.encode(train("plif", 1), Map.of()), ModelFile.encode(train("plif", 2), Map.of()));
  }
}
