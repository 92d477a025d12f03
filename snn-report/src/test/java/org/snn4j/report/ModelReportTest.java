package org.snn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.Dataset;
import org.snn4j.api.LifNeuron;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.layer.Shape;
import org.snn4j.core.loss.Losses;
import org.snn4j.core.net.NetSpec;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.core.train.Evaluation;
import org.snn4j.core.train.ProgressListener;
import org.snn4j.core.train.TrainingLoop;
import org.snn4j.datasets.encode.RateEncoder;

class ModelReportTest {
  @TempDir Path dir;

  /** 1×8×8 images: class c lights rows 2c and 2c+1. */
  private static final class Stripes implements Dataset {
    private final int size;

    Stripes(int size) {
      this.size = size;
    }

    @Override
    public String source() {
      return "stripes";
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int featureCount() {
      return 64;
    }

    @Override
    public int[] sampleShape() {
      return new int[] {1, 8, 8};
    }

    @Override
    public int classCount() {
      return 4;
    }

    @Override
    public void features(int index, float[] dst, int offset) {
      int c = label(index);
      for (int i = 0; i < 64; i++) {
        dst[offset + i] = i / 8 / 2 == c ? 0.9f : ((index * 31 + i * 7) % 10) / 40f;
      }
    }

    @Override
    public int label(int index) {
      return (index * 7 + index / 3) % 4;
    }
  }

  @Test
  void drawsRasterHistogramsAndConfusionOfAConvNetWithTheEvaluationsNumbers() throws Exception {
    SequentialNet net = NetSpec.parse("conv4k3p1,lif,avgpool2,flatten,dense16,lif,dense4,lif")
        .build(Shape.image(1, 8, 8), spec -> LifNeuron.PAPER, 3, Kernels.get());
    Stripes test = new Stripes(90);
    ModelReport report = new ModelReport(net, 3);
    Evaluation ev;
    try (WorkerPool pool = new WorkerPool(2);
        TrainingLoop loop = TrainingLoop.evaluator(net, new RateEncoder(), Losses.byName("mse"), 6, 32, 1, pool)) {
      ev = loop.evaluate(test, ProgressListener.NONE, report);
    }
    report.write(dir, Map.of("model", "m.snn"), ev);

    long[][] confusion = report.confusion();
    long sum = 0;
    long diagonal = 0;
    for (int t = 0; t < 4; t++) {
      for (int p = 0; p < 4; p++) {
        sum += confusion[t][p];
        diagonal += t == p ? confusion[t][p] : 0;
      }
    }
    assertEquals(90, sum);
    assertEquals(ev.correct(), diagonal);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals(90, json.get("test_samples").asInt());
    assertEquals(ev.accuracyPercent(), json.get("test_accuracy").asDouble(), 0);
    for (int t = 0; t < 4; t++) {
      for (int p = 0; p < 4; p++) {
        assertEquals(confusion[t][p], json.get("confusion").get(t).get(p).asLong());
      }
    }
    // the conv, hidden dense and output layers have neurons; pooling and flatten do not
    JsonNode layers = json.get("layers");
    assertEquals(3, layers.size());
    int[] neurons = {4 * 8 * 8, 16, 4};
    boolean someSpikes = false;
    for (int k = 0; k < 3; k++) {
      JsonNode l = layers.get(k);
      assertEquals(neurons[k], l.get("neurons").asInt());
      long inBins = 0;
      for (JsonNode c : l.get("histogram")) {
        inBins += c.asLong();
      }
      assertEquals(neurons[k], inBins, "every neuron in one bin");
      assertEquals(ev.firingRates()[k], l.get("firing_rate").asDouble(), 1e-12, "layer " + k);
      assertEquals(3, l.get("raster_spikes").size());
      for (JsonNode s : l.get("raster_spikes")) {
        assertTrue(s.asLong() <= 6L * neurons[k]);
        someSpikes |= s.asLong() > 0;
      }
    }
    assertTrue(someSpikes, "the raster shows spikes");
    assertEquals(3, json.get("raster").get("labels").size());
    assertEquals(test.label(2), json.get("raster").get("labels").get(2).asInt());

    ImageChecks.png(dir.resolve("spike-raster.png"), ModelCharts.RASTER_WIDTH, ModelCharts.rasterHeight(3));
    ImageChecks.png(dir.resolve("firing-rates.png"), ModelCharts.HISTOGRAMS_WIDTH, ModelCharts.histogramsHeight(3));
    ImageChecks.svg(dir.resolve("firing-rates.svg"), ModelCharts.HISTOGRAMS_WIDTH, ModelCharts.histogramsHeight(3));
    ImageChecks.png(dir.resolve("confusion-matrix.png"), ModelCharts.CONFUSION_SIZE, ModelCharts.CONFUSION_SIZE);
    ImageChecks.svg(dir.resolve("confusion-matrix.svg"), ModelCharts.CONFUSION_SIZE, ModelCharts.CONFUSION_SIZE);
    for (JsonNode image : json.get("images")) {
      assertTrue(Files.exists(dir.resolve(image.get("png").asText())), image.toString());
    }

    String html = Files.readString(dir.resolve("index.html"));
    for (String img : new String[] {"spike-raster.png", "firing-rates.png", "confusion-matrix.png"}) {
      assertTrue(html.contains("<img src=\"" + img + "\""), img);
    }
    assertFalse(html.contains("<script"));
  }

  @Test
  void refusesAnEvaluationItDidNotSee() {
    SequentialNet net = SequentialNet.mlp(new int[] {64, 4}, LifNeuron.PAPER, 1, Kernels.get());
    ModelReport report = new ModelReport(net, 2);
    assertThrows(IllegalArgumentException.class,
        () -> report.write(dir, Map.of(), new Evaluation(10, 5, 0.1, 1, new double[1])));
    assertThrows(IllegalArgumentException.class, () -> new ModelReport(net, -1));
  }
}
