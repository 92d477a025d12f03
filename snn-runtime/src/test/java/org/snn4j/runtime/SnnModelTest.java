package org.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.Dataset;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.layer.SpikingLayer;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.Readout;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.net.StreamSession;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.ProgressListener;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.plugins.PluginCatalog;

/** Loading model files, predicting and streaming through the application API, and its errors. */
class SnnModelTest {
  @TempDir Path dir;

  static SequentialNet louder(SequentialNet net) {
    for (SpikingLayer l : net.spikingLayers()) {
      float[] w = l.weight();
      for (int i = 0; i < w.length; i++) {
        w[i] *= 3f;
      }
    }
    return net;
  }

  static float[] features(int n, int seed) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = ((i * 31 + seed * 17) % 11) / 10f;
    }
    return f;
  }

  /** predict == the frozen network on the encoder's spikes; a stream fed the same spikes counts the same. */
  private static void assertPredictsLikeTheNetwork(SnnModel model, SequentialNet net, int featureCount) {
    try (Predictor p = model.newPredictor(); WorkerPool pool = new WorkerPool(1);
        StreamSession stream = model.newStream(1)) {
      int spiking = 0;
      for (int s = 0; s < 4; s++) {
        float[] f = features(featureCount, s);
        long key = SpikeEncoder.streamKey(0, 0, s);
        Prediction got = p.predict(f, key);
        byte[] spikes = model.encode(f, key);
        float[] want = new float[model.classes()];
        FrozenNet.of(net).newSession(pool).infer(new SpikeTensor(model.timesteps(), 1, model.inputSize(), spikes), want);
        assertArrayEquals(want, got.rates(), "sample " + s);
        assertEquals(got, p.predictSpikes(spikes));
        stream.reset();
        byte[] step = new byte[model.inputSize()];
        for (int t = 0; t < model.timesteps(); t++) {
          System.arraycopy(spikes, t * step.length, step, 0, step.length);
          stream.step(step);
        }
        for (int k = 0; k < model.classes(); k++) {
          assertEquals(got.spikeCounts()[k], stream.spikeCount(0, k), "sample " + s + " class " + k);
          spiking += got.spikeCounts()[k];
        }
        assertEquals(got.label(), stream.leader(0));
      }
      assertTrue(spiking > 0, "the outputs never fired");
    }
  }

  @Test
  void loadsAVersion1ModelAndPredicts() throws IOException {
    SequentialNet net = louder(SequentialNet.mlp(new int[] {40, 24, 5}, LifNeuron.PAPER, 3, Kernels.get()));
    Path file = dir.resolve("mlp.snn");
    ModelFile.write(file, net, Map.of("timesteps", "7", "encoder", "rate"), false);
    SnnModel model = SnnModel.load(file);
    assertEquals(7, model.timesteps());
    assertEquals(40, model.inputSize());
    assertEquals(5, model.classes());
    assertEquals("rate", model.encoder().name());
    assertPredictsLikeTheNetwork(model, net, 40);
  }

  @Test
  void loadsAVersion2ConvModelAndPredicts() throws IOException {
    SequentialNet net = louder(NetSpec.parse("conv4k3p1,lif,avgpool2,flatten,dense6,lif")
        .build(Shape.image(2, 6, 6), s -> LifNeuron.PAPER, 5, Kernels.get()));
    Path file = dir.resolve("conv.snn");
    ModelFile.write(file, net, Map.of("timesteps", "5"), false);
    SnnModel model = SnnModel.load(file);
    assertEquals(72, model.inputSize());
    assertPredictsLikeTheNetwork(model, net, 72);
  }

  @Test
  void errorsNameTheFileAndTheField() throws IOException {
    Path missing = dir.resolve("nothing.snn");
    ModelException e = assertThrows(ModelException.class, () -> SnnModel.load(missing));
    assertEquals(missing, e.file());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

    SequentialNet net = SequentialNet.mlp(new int[] {8, 3}, LifNeuron.PAPER, 1, Kernels.get());
    Path badSteps = dir.resolve("steps.snn");
    ModelFile.write(badSteps, net, Map.of("timesteps", "zero"), false);
    e = assertThrows(ModelException.class, () -> SnnModel.load(badSteps));
    assertEquals("timesteps", e.field());
    assertTrue(e.getMessage().contains(badSteps.toString()) && e.getMessage().contains("timesteps=zero"),
        e.getMessage());

    Path badEncoder = dir.resolve("encoder.snn");
    ModelFile.write(badEncoder, net, Map.of("encoder", "morse"), false);
    e = assertThrows(ModelException.class, () -> SnnModel.load(badEncoder));
    assertEquals("encoder", e.field());
    assertTrue(e.getMessage().contains(badEncoder.toString()) && e.getMessage().contains("'morse'"),
        e.getMessage());

    Path damaged = dir.resolve("damaged.snn");
    byte[] bytes = Files.readAllBytes(badSteps);
    bytes[bytes.length - 10] ^= 1;
    Files.write(damaged, bytes);
    e = assertThrows(ModelException.class, () -> SnnModel.load(damaged));
    assertTrue(e.getMessage().contains(damaged.toString()), e.getMessage());

    SnnModel ok = SnnModel.load(writeOk(net));
    try (Predictor p = ok.newPredictor()) {
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> p.predict(new float[7], 0));
      assertTrue(bad.getMessage().contains("takes 8 inputs"), bad.getMessage());
    }
  }

  /** Samples {@code features(n, s)} labelled {@code s % classes}, for the evaluation path. */
  private static Dataset samples(int count, int n, int classes) {
    return new Dataset() {
      @Override
      public String source() {
        return "samples";
      }

      @Override
      public int size() {
        return count;
      }

      @Override
      public int featureCount() {
        return n;
      }

      @Override
      public int classCount() {
        return classes;
      }

      @Override
      public void features(int index, float[] dst, int offset) {
        System.arraycopy(SnnModelTest.features(n, index), 0, dst, offset, n);
      }

      @Override
      public int label(int index) {
        return index % classes;
      }
    };
  }

  /**
   * For each readout, a model's predictions are what {@code snn eval}'s path (TrainingLoop.evaluate on the model
   * file's network, in batches of 3) computes for the same samples and seed: the same scores, bit for bit, the same
   * class, and so the same number correct; a stream fed the same spikes ends with the same scores and leader.
   */
  @Test
  void everyReadoutPredictsAsTheEvaluationScores() throws IOException {
    int samples = 7;
    long seed = 4;
    for (Readout readout : new Readout[] {Readout.RATE, Readout.membrane(0.6f), Readout.vote(3)}) {
      int outputs = 5 * readout.group();
      SequentialNet net = louder(SequentialNet.mlp(new int[] {40, 24, outputs}, LifNeuron.PAPER, 6, Kernels.get()));
      net.setReadout(readout);
      Path file = dir.resolve("readout-" + readout.kind() + ".snn");
      ModelFile.write(file, net, Map.of("timesteps", "6", "encoder", "rate"), false);
      SnnModel model = SnnModel.load(file);
      assertEquals(readout, model.readout());
      assertEquals(5, model.classes());

      SequentialNet evaluated = ModelFile.read(file, Kernels.get()).network();
      float[][] evalScores = new float[samples][];
      int correct;
      try (WorkerPool pool = new WorkerPool(2); TrainingLoop loop = TrainingLoop.evaluator(evaluated, model.encoder(),
          Losses.byName("mse"), model.timesteps(), 3, seed, pool)) {
        correct = loop.evaluate(samples(samples, 40, 5), ProgressListener.NONE, (first, batch, labels, rates, s) -> {
          for (int b = 0; b < batch; b++) {
            evalScores[first + b] = Arrays.copyOfRange(rates, b * 5, (b + 1) * 5);
          }
        }).correct();
      }

      int predictedRight = 0;
      double spread = 0;
      try (Predictor p = model.newPredictor(); StreamSession stream = model.newStream(1)) {
        for (int i = 0; i < samples; i++) {
          long key = SpikeEncoder.streamKey(seed, 0, i);
          Prediction got = p.predict(features(40, i), key);
          String at = readout + " sample " + i;
          assertEquals(5, got.rates().length, at);
          for (int k = 0; k < 5; k++) {
            assertEquals(Float.floatToIntBits(evalScores[i][k]), Float.floatToIntBits(got.rates()[k]), at + " class " + k);
            spread += Math.abs(got.rates()[k] - got.rates()[0]);
          }
          predictedRight += got.label() == i % 5 ? 1 : 0;
          byte[] spikes = model.encode(features(40, i), key);
          assertEquals(got, p.predictSpikes(spikes), at);
          stream.reset();
          byte[] step = new byte[40];
          for (int t = 0; t < model.timesteps(); t++) {
            System.arraycopy(spikes, t * 40, step, 0, 40);
            stream.step(step);
          }
          float[] streamed = new float[5];
          stream.scores(streamed);
          assertArrayEquals(got.rates(), streamed, at + " streamed");
          assertEquals(got.label(), stream.leader(0), at + " streamed");
          int[] counts = got.spikeCounts();
          if (readout.membrane()) {
            assertEquals(24, counts.length, "the hidden layer's counts");
          } else {
            assertEquals(outputs, counts.length);
            for (int k = 0; k < 5; k++) {
              float votes = 0f;
              for (int j = 0; j < readout.group(); j++) {
                votes += counts[k * readout.group() + j];
                assertEquals(counts[k * readout.group() + j], stream.spikeCount(0, k * readout.group() + j));
              }
              float mean = votes / readout.group();
              assertEquals(mean / model.timesteps(), got.rates()[k], at + ": the score from the counts");
            }
          }
        }
      }
      assertEquals(correct, predictedRight, readout + ": correct predictions");
      assertTrue(spread > 0, readout + ": every class scored alike, the comparison shows little");
    }
  }

  @Test
  void aOneLayerMembraneModelCountsNoSpikes() throws IOException {
    SequentialNet net = SequentialNet.mlp(new int[] {8, 3}, LifNeuron.PAPER, 1, Kernels.get());
    net.setReadout(Readout.membrane(0.5f));
    Path file = dir.resolve("one.snn");
    ModelFile.write(file, net, Map.of("timesteps", "4"), false);
    try (Predictor p = SnnModel.load(file).newPredictor()) {
      Prediction r = p.predict(features(8, 1), 0);
      assertEquals(0, r.spikeCounts().length);
      assertEquals(3, r.rates().length);
    }
  }

  private Path writeOk(SequentialNet net) throws IOException {
    Path ok = dir.resolve("ok.snn");
    ModelFile.write(ok, net, Map.of(), false);
    return ok;
  }

  @Test
  void aPluginNeuronsModelLoadsGivenTheCatalog() throws IOException {
    NeuronModel neuron = new HalfLifFactory.Neuron();
    SequentialNet net = louder(SequentialNet.mlp(new int[] {30, 20, 4}, neuron, 7, Kernels.get()));
    Path file = dir.resolve("plugin.snn");
    ModelFile.write(file, net, Map.of("timesteps", "6"), false);

    ModelException e = assertThrows(ModelException.class, () -> SnnModel.load(file));
    assertEquals("neuron", e.field(), e.getMessage());
    assertTrue(e.getMessage().contains("'halflif'") && e.getMessage().contains(file.toString()), e.getMessage());

    Path jar = dir.resolve("plugins/halflif.jar");
    Files.createDirectories(jar.getParent());
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os)) {
      j.putNextEntry(new JarEntry("META-INF/services/org.snn4j.api.NeuronFactory"));
      j.write((HalfLifFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    try (PluginCatalog catalog = PluginCatalog.builder().classLoader(SnnModelTest.class.getClassLoader())
        .pluginJar(jar).build()) {
      SnnModel model = SnnModel.load(file, catalog);
      assertEquals("halflif", model.header().get("neuron"));
      assertPredictsLikeTheNetwork(model, net, 30);
    }
  }
}
