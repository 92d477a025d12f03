package org.snn4j.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The pictures of a training run ({@code snn train --report DIR}): its learning curves (train and test loss, train
 * and test accuracy, learning rate, per epoch) as {@value #CURVES}.png and .svg, the numbers behind them as {@value
 * #JSON}, and an {@value ReportPage#INDEX} that shows them. {@link #write} rewrites all of them, so a run can call it
 * after every epoch and the folder always shows the epochs so far.
 */
public final class TrainingReport {
  /** The learning curves' file name, without extension. */
  public static final String CURVES = "learning-curves";
  /** The data's file name. */
  public static final String JSON = "report.json";
  /** The learning curves' width in pixels (PNG) or user units (SVG). */
  public static final int WIDTH = 900;
  /** The learning curves' height. */
  public static final int HEIGHT = 760;

  private final Map<String, Object> settings;
  private final List<EpochRecord> epochs = new ArrayList<>();

  /**
   * @param settings the run's settings, shown on the page and kept in the JSON (values: strings, numbers, booleans)
   */
  public TrainingReport(Map<String, ?> settings) {
    this.settings = new LinkedHashMap<>(settings);
  }

  /**
   * A report that goes on from the one in {@code dir}, for a run resumed in epoch {@code epoch}: the epochs before
   * it are read back from {@code dir}'s {@value #JSON} when that file is a training report of the same settings;
   * otherwise (no file, another run's report) the report starts empty.
   *
   * @throws IOException if the file exists but cannot be read as JSON
   */
  public static TrainingReport resume(Path dir, Map<String, ?> settings, int epoch) throws IOException {
    TrainingReport report = new TrainingReport(settings);
    Path file = dir.resolve(JSON);
    if (epoch <= 1 || !java.nio.file.Files.isRegularFile(file)) {
      return report;
    }
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode old = mapper.readTree(file.toFile());
    if (old == null || !"training".equals(old.path("kind").asText())
        || !mapper.valueToTree(report.settings).equals(old.get("settings"))) {
      return report;
    }
    for (com.fasterxml.jackson.databind.JsonNode e : old.path("epochs")) {
      if (e.path("epoch").asInt() < epoch) {
        report.add(new EpochRecord(e.path("epoch").asInt(), number(e, "train_loss"), number(e, "train_accuracy"),
            number(e, "test_accuracy"), number(e, "test_loss"), number(e, "learning_rate"), number(e, "seconds")));
      }
    }
    return report;
  }

  private static double number(com.fasterxml.jackson.databind.JsonNode e, String key) {
    com.fasterxml.jackson.databind.JsonNode v = e.get(key);
    return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
  }

  /** Adds an epoch's numbers. */
  public void add(EpochRecord epoch) {
    epochs.add(epoch);
  }

  /** The epochs added so far. */
  public List<EpochRecord> epochs() {
    return List.copyOf(epochs);
  }

  /**
   * Writes the JSON, the learning curves (PNG and SVG) and the HTML page into {@code dir}, creating it, each file
   * through a temporary name.
   */
  public void write(Path dir) throws IOException {
    Charts.headless(); // before the charts' fonts touch AWT
    ReportFiles.writeString(dir.resolve(JSON), json());
    JFreeChart chart = chart();
    Charts.png(chart, dir.resolve(CURVES + ".png"), WIDTH, HEIGHT);
    Charts.svg(chart, dir.resolve(CURVES + ".svg"), WIDTH, HEIGHT);
    ReportFiles.writeString(dir.resolve(ReportPage.INDEX), page());
  }

  String json() throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("kind", "training");
    root.set("settings", mapper.valueToTree(settings));
    ArrayNode list = root.putArray("epochs");
    for (EpochRecord e : epochs) {
      ObjectNode o = list.addObject();
      o.put("epoch", e.epoch());
      Json.put(o, "train_loss", e.trainLoss());
      Json.put(o, "train_accuracy", e.trainAccuracy());
      Json.put(o, "test_accuracy", e.testAccuracy());
      Json.put(o, "test_loss", e.testLoss());
      Json.put(o, "learning_rate", e.learningRate());
      Json.put(o, "seconds", e.seconds());
    }
    ObjectNode images = root.putObject("images");
    ObjectNode curves = images.putObject(CURVES);
    curves.put("png", CURVES + ".png");
    curves.put("svg", CURVES + ".svg");
    curves.put("width", WIDTH);
    curves.put("height", HEIGHT);
    return mapper.writeValueAsString(root) + "\n";
  }

  JFreeChart chart() {
    XYSeries trainLoss = new XYSeries("train loss");
    XYSeries testLoss = new XYSeries("test loss");
    XYSeries trainAcc = new XYSeries("train accuracy");
    XYSeries testAcc = new XYSeries("test accuracy");
    XYSeries lr = new XYSeries("learning rate");
    for (EpochRecord e : epochs) {
      addFinite(trainLoss, e.epoch(), e.trainLoss());
      addFinite(testLoss, e.epoch(), e.testLoss());
      addFinite(trainAcc, e.epoch(), e.trainAccuracy());
      addFinite(testAcc, e.epoch(), e.testAccuracy());
      addFinite(lr, e.epoch(), e.learningRate());
    }
    NumberAxis epochAxis = new NumberAxis("epoch");
    epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    epochAxis.setRange(0.5, Math.max(1, epochs.size()) + 0.5);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
    plot.setGap(12);
    plot.add(subplot("loss", false, trainLoss, testLoss), 3);
    plot.add(subplot("accuracy %", false, trainAcc, testAcc), 3);
    XYPlot rate = subplot("learning rate", true, lr);
    ((NumberAxis) rate.getRangeAxis()).setNumberFormatOverride(new java.text.DecimalFormat("0.0##E0",
        java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
    plot.add(rate, 2);
    JFreeChart chart = new JFreeChart("Training", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    return Charts.styled(chart);
  }

  private static void addFinite(XYSeries s, int x, double y) {
    if (Double.isFinite(y)) {
      s.add(x, y);
    }
  }

  /** Train, then test, in each panel; the learning rate in its own colour. */
  private static final java.awt.Color[] COLOURS = {
    new java.awt.Color(0x1f, 0x77, 0xb4), new java.awt.Color(0xd6, 0x27, 0x28), new java.awt.Color(0x2c, 0xa0, 0x2c)
  };

  private static XYPlot subplot(String label, boolean fromZero, XYSeries... series) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (XYSeries s : series) {
      data.addSeries(s);
    }
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(fromZero);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < series.length; i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      renderer.setSeriesPaint(i, COLOURS[series.length == 1 ? 2 : i]);
    }
    XYPlot plot = new XYPlot(data, null, axis, renderer);
    plot.setBackgroundPaint(java.awt.Color.WHITE);
    plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
    return plot;
  }

  private String page() {
    ReportPage p = new ReportPage("snn4j training report");
    p.settings(settings);
    p.image(CURVES + ".png", CURVES + ".svg", "learning curves: loss, accuracy, learning rate per epoch", WIDTH,
        HEIGHT);
    List<String[]> rows = new ArrayList<>();
    for (EpochRecord e : epochs) {
      rows.add(new String[] {
        Integer.toString(e.epoch()), fmt("%.5f", e.trainLoss()), fmt("%.2f", e.trainAccuracy()),
        fmt("%.2f", e.testAccuracy()), fmt("%.5f", e.testLoss()), fmt("%.3g", e.learningRate()),
        fmt("%.1f", e.seconds())
      });
    }
    p.table(new String[] {"epoch", "train loss", "train accuracy %", "test accuracy %", "test loss", "learning rate",
        "seconds"}, rows);
    return p.html();
  }

  private static String fmt(String format, double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "";
  }
}
