package org.snn4j.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.layer.NetworkLayer;
import org.snn4j.core.net.FrozenNet;
import org.snn4j.core.net.SequentialNet;
import org.snn4j.core.train.Evaluation;
import org.snn4j.core.train.EvaluationObserver;

/**
 * The pictures of a trained model over a test set ({@code snn report}): a spike raster of the first few samples
 * through every layer with neurons (a conv layer's channels flattened into one neuron axis), each such layer's
 * histogram of per-neuron firing rates over the whole test set, and the confusion matrix; their numbers as {@value
 * TrainingReport#JSON} and an {@value ReportPage#INDEX} that shows them.
 *
 * <p>Pass it to {@link org.snn4j.core.train.TrainingLoop#evaluate(org.snn4j.api.Dataset,
 * org.snn4j.core.train.ProgressListener, EvaluationObserver)}: it sees exactly the spikes and rates that the
 * evaluation judged, so its confusion matrix's diagonal is the evaluation's correct count.
 */
public final class ModelReport implements EvaluationObserver {
  /** Bins of each firing-rate histogram, of equal width over [0, 1]. */
  public static final int BINS = 20;

  private final SequentialNet network;
  private final int rasterSamples;
  private final int classes;
  private final long[][] confusion;
  /** Indices of the layers with neurons, in network order. */
  private final int[] spiking;
  /** Per spiking layer and neuron, spikes over the test set. */
  private final long[][] neuronSpikes;
  /** Per raster sample and spiking layer, its spikes {@code [T][out]} as 0/1 bytes. */
  private final List<byte[][]> raster = new ArrayList<>();
  private final List<Integer> rasterLabels = new ArrayList<>();
  private final List<Integer> rasterPredictions = new ArrayList<>();
  private int samples;
  private int timesteps;

  /**
   * @param rasterSamples how many of the test set's first samples the raster shows (0 for none)
   */
  public ModelReport(SequentialNet network, int rasterSamples) {
    if (rasterSamples < 0) {
      throw new IllegalArgumentException("raster samples must be >= 0, got " + rasterSamples);
    }
    this.network = network;
    this.rasterSamples = rasterSamples;
    this.classes = network.outputSize();
    this.confusion = new long[classes][classes];
    List<NetworkLayer> layers = network.layers();
    List<Integer> withNeurons = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l) instanceof org.snn4j.core.layer.SpikingLayer) {
        withNeurons.add(l);
      }
    }
    this.spiking = withNeurons.stream().mapToInt(Integer::intValue).toArray();
    this.neuronSpikes = new long[spiking.length][];
    for (int k = 0; k < spiking.length; k++) {
      neuronSpikes[k] = new long[layers.get(spiking[k]).outputSize()];
    }
  }

  @Override
  public void batch(int first, int batch, int[] labels, float[] rates, FrozenNet.Session session) {
    for (int b = 0; b < batch; b++) {
      int best = 0;
      for (int k = 1; k < classes; k++) {
        if (rates[b * classes + k] > rates[b * classes + best]) {
          best = k;
        }
      }
      confusion[labels[b]][best]++;
      if (first + b < rasterSamples) {
        raster.add(new byte[spiking.length][]);
        rasterLabels.add(labels[b]);
        rasterPredictions.add(best);
      }
    }
    for (int k = 0; k < spiking.length; k++) {
      SpikeTensor s = session.lastSpikes(spiking[k]);
      timesteps = s.timesteps();
      int out = s.size();
      byte[] d = s.data();
      long[] counts = neuronSpikes[k];
      for (int t = 0; t < s.timesteps(); t++) {
        for (int b = 0; b < batch; b++) {
          int row = s.index(t, b, 0);
          for (int n = 0; n < out; n++) {
            counts[n] += d[row + n];
          }
        }
      }
      for (int b = 0; b < batch && first + b < rasterSamples; b++) {
        byte[] mine = new byte[s.timesteps() * out];
        for (int t = 0; t < s.timesteps(); t++) {
          System.arraycopy(d, s.index(t, b, 0), mine, t * out, out);
        }
        raster.get(first + b)[k] = mine;
      }
    }
    samples += batch;
  }

  /** Samples seen so far. */
  public int samples() {
    return samples;
  }

  /** The confusion matrix so far, {@code [true class][predicted class]} (a copy). */
  public long[][] confusion() {
    long[][] c = new long[classes][];
    for (int k = 0; k < classes; k++) {
      c[k] = confusion[k].clone();
    }
    return c;
  }

  /** Per layer with neurons, how many of its neurons fall in each of the {@link #BINS} firing-rate bins. */
  public long[][] histograms() {
    long[][] h = new long[spiking.length][BINS];
    for (int k = 0; k < spiking.length; k++) {
      for (long count : neuronSpikes[k]) {
        double rate = count / ((double) Math.max(1, samples) * Math.max(1, timesteps));
        h[k][Math.min(BINS - 1, (int) Math.floor(rate * BINS))]++;
      }
    }
    return h;
  }

  /**
   * Writes the raster (PNG), the histograms and the confusion matrix (PNG and SVG), their numbers as JSON and the
   * HTML page into {@code dir}, creating it, each file through a temporary name.
   *
   * @param settings what to show about the run (model file, dataset...), kept in the JSON
   * @param evaluation the evaluation this report observed
   */
  public void write(Path dir, Map<String, ?> settings, Evaluation evaluation) throws IOException {
    Charts.headless(); // before the charts' fonts touch AWT
    if (evaluation.samples() != samples) {
      throw new IllegalArgumentException("the evaluation ran " + evaluation.samples() + " samples, this report saw "
          + samples);
    }
    List<String> names = layerNames();
    long[][] hist = histograms();
    ReportFiles.writeString(dir.resolve(TrainingReport.JSON), json(settings, evaluation, names, hist));
    ModelCharts charts = new ModelCharts(classes, timesteps);
    if (!raster.isEmpty()) {
      Charts.png(charts.raster(names, raster, rasterLabels, rasterPredictions), dir.resolve(ModelCharts.RASTER
          + ".png"), ModelCharts.RASTER_WIDTH, ModelCharts.rasterHeight(spiking.length));
    }
    var histograms = charts.histograms(names, hist);
    Charts.png(histograms, dir.resolve(ModelCharts.HISTOGRAMS + ".png"), ModelCharts.HISTOGRAMS_WIDTH,
        ModelCharts.histogramsHeight(spiking.length));
    Charts.svg(histograms, dir.resolve(ModelCharts.HISTOGRAMS + ".svg"), ModelCharts.HISTOGRAMS_WIDTH,
        ModelCharts.histogramsHeight(spiking.length));
    var matrix = charts.confusion(confusion);
    Charts.png(matrix, dir.resolve(ModelCharts.CONFUSION + ".png"), ModelCharts.CONFUSION_SIZE,
        ModelCharts.CONFUSION_SIZE);
    Charts.svg(matrix, dir.resolve(ModelCharts.CONFUSION + ".svg"), ModelCharts.CONFUSION_SIZE,
        ModelCharts.CONFUSION_SIZE);
    ReportFiles.writeString(dir.resolve(ReportPage.INDEX), page(settings, evaluation));
  }

  private List<String> layerNames() {
    List<String> names = new ArrayList<>();
    for (int l : spiking) {
      NetworkLayer layer = network.layers().get(l);
      names.add("layer " + l + " " + layer.outputShape() + " (" + layer.outputSize() + " neurons)");
    }
    return names;
  }

  private String json(Map<String, ?> settings, Evaluation ev, List<String> names, long[][] hist) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("kind", "model");
    root.set("settings", mapper.valueToTree(new LinkedHashMap<>(settings)));
    root.put("test_samples", ev.samples());
    root.put("correct", ev.correct());
    Json.put(root, "test_accuracy", ev.accuracyPercent());
    root.put("timesteps", timesteps);
    root.put("classes", classes);
    root.set("confusion", mapper.valueToTree(confusion));
    ArrayNode layers = root.putArray("layers");
    for (int k = 0; k < spiking.length; k++) {
      ObjectNode o = layers.addObject();
      o.put("index", spiking[k]);
      o.put("name", names.get(k));
      o.put("neurons", neuronSpikes[k].length);
      long total = 0;
      for (long c : neuronSpikes[k]) {
        total += c;
      }
      Json.put(o, "firing_rate", total / ((double) samples * timesteps * neuronSpikes[k].length));
      o.set("histogram", mapper.valueToTree(hist[k]));
      long[] rasterSpikes = new long[raster.size()];
      for (int s = 0; s < raster.size(); s++) {
        for (byte b : raster.get(s)[k]) {
          rasterSpikes[s] += b;
        }
      }
      o.set("raster_spikes", mapper.valueToTree(rasterSpikes));
    }
    ObjectNode r = root.putObject("raster");
    r.set("labels", mapper.valueToTree(rasterLabels));
    r.set("predictions", mapper.valueToTree(rasterPredictions));
    ObjectNode images = root.putObject("images");
    if (!raster.isEmpty()) {
      image(images, ModelCharts.RASTER, false, ModelCharts.RASTER_WIDTH, ModelCharts.rasterHeight(spiking.length));
    }
    image(images, ModelCharts.HISTOGRAMS, true, ModelCharts.HISTOGRAMS_WIDTH,
        ModelCharts.histogramsHeight(spiking.length));
    image(images, ModelCharts.CONFUSION, true, ModelCharts.CONFUSION_SIZE, ModelCharts.CONFUSION_SIZE);
    root.put("histogram_bins", BINS);
    return mapper.writeValueAsString(root) + "\n";
  }

  private static void image(ObjectNode images, String name, boolean svg, int width, int height) {
    ObjectNode o = images.putObject(name);
    o.put("png", name + ".png");
    if (svg) {
      o.put("svg", name + ".svg");
    }
    o.put("width", width);
    o.put("height", height);
  }

  private String page(Map<String, ?> settings, Evaluation ev) {
    ReportPage p = new ReportPage("snn4j model report");
    Map<String, Object> shown = new LinkedHashMap<>(settings);
    shown.put("test accuracy", String.format(Locale.ROOT, "%.2f%% (%d/%d)", ev.accuracyPercent(), ev.correct(),
        ev.samples()));
    p.settings(shown);
    if (!raster.isEmpty()) {
      p.heading("Spike raster");
      p.image(ModelCharts.RASTER + ".png", null, "spikes of the first " + raster.size()
          + " test samples through every layer with neurons", ModelCharts.RASTER_WIDTH,
          ModelCharts.rasterHeight(spiking.length));
    }
    p.heading("Firing rates");
    p.image(ModelCharts.HISTOGRAMS + ".png", ModelCharts.HISTOGRAMS + ".svg",
        "per-neuron firing rates over the test set, per layer", ModelCharts.HISTOGRAMS_WIDTH,
        ModelCharts.histogramsHeight(spiking.length));
    p.heading("Confusion matrix");
    p.image(ModelCharts.CONFUSION + ".png", ModelCharts.CONFUSION + ".svg",
        "confusion matrix: true class by row, predicted class by column", ModelCharts.CONFUSION_SIZE,
        ModelCharts.CONFUSION_SIZE);
    return p.html();
  }
}
