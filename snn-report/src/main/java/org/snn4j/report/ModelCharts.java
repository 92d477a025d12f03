package org.snn4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of a {@link ModelReport}, drawn with JFreeChart. */
final class ModelCharts {
  static final String RASTER = "spike-raster";
  static final String HISTOGRAMS = "firing-rates";
  static final String CONFUSION = "confusion-matrix";
  static final int RASTER_WIDTH = 1000;
  static final int HISTOGRAMS_WIDTH = 800;
  static final int CONFUSION_SIZE = 640;

  private final int classes;
  private final int timesteps;

  ModelCharts(int classes, int timesteps) {
    this.classes = classes;
    this.timesteps = timesteps;
  }

  static int rasterHeight(int layers) {
    return 120 + 200 * Math.max(1, layers);
  }

  static int histogramsHeight(int layers) {
    return 100 + 180 * Math.max(1, layers);
  }

  /**
   * One panel per layer: x is time, the samples side by side (sample {@code s} at steps {@code s·(T+1) ..}), y the
   * neuron's index in the layer's output (a conv layer's channels flattened); a dot per spike.
   */
  JFreeChart raster(List<String> names, List<byte[][]> spikes, List<Integer> labels, List<Integer> predictions) {
    NumberAxis time = new NumberAxis("time step (samples side by side)");
    time.setRange(-0.5, spikes.size() * (timesteps + 1) - 0.5);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(10);
    for (int k = 0; k < names.size(); k++) {
      XYSeries dots = new XYSeries(names.get(k), false, true);
      int neurons = spikes.get(0)[k].length / timesteps;
      for (int s = 0; s < spikes.size(); s++) {
        byte[] d = spikes.get(s)[k];
        for (int t = 0; t < timesteps; t++) {
          for (int n = 0; n < neurons; n++) {
            if (d[t * neurons + n] != 0) {
              dots.add(s * (timesteps + 1) + t, n, false); // no change event per dot
            }
          }
        }
      }
      XYDotRenderer renderer = new XYDotRenderer();
      renderer.setDotWidth(2);
      renderer.setDotHeight(2);
      renderer.setSeriesPaint(0, Color.BLACK);
      NumberAxis neuronAxis = new NumberAxis(names.get(k));
      neuronAxis.setRange(-0.5, neurons - 0.5);
      neuronAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      XYPlot sub = new XYPlot(new XYSeriesCollection(dots), null, neuronAxis, renderer);
      sub.setBackgroundPaint(Color.WHITE);
      for (int s = 1; s < spikes.size(); s++) {
        ValueMarker m = new ValueMarker(s * (timesteps + 1) - 1, Color.GRAY, new BasicStroke(1f));
        sub.addDomainMarker(m);
      }
      plot.add(sub, 1);
    }
    StringBuilder title = new StringBuilder("Spike raster, test samples 0-" + (spikes.size() - 1) + " (label→predicted:");
    for (int s = 0; s < labels.size(); s++) {
      title.append(' ').append(labels.get(s)).append('→').append(predictions.get(s));
    }
    JFreeChart chart = new JFreeChart(title.append(')').toString(), new Font(Font.SANS_SERIF, Font.BOLD, 14), plot,
        false);
    return Charts.styled(chart);
  }

  /** One panel per layer: how many neurons have each firing rate (spikes per step and sample) over the test set. */
  JFreeChart histograms(List<String> names, long[][] counts) {
    NumberAxis rate = new NumberAxis("firing rate (spikes per neuron, step and sample)");
    rate.setRange(0, 1);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(rate);
    plot.setGap(10);
    for (int k = 0; k < names.size(); k++) {
      XYIntervalSeries series = new XYIntervalSeries(names.get(k));
      int bins = counts[k].length;
      for (int b = 0; b < bins; b++) {
        double lo = (double) b / bins;
        double hi = (double) (b + 1) / bins;
        series.add((lo + hi) / 2, lo, hi, counts[k][b], 0, counts[k][b]);
      }
      XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
      data.addSeries(series);
      XYBarRenderer renderer = new XYBarRenderer(0.05);
      renderer.setBarPainter(new StandardXYBarPainter());
      renderer.setShadowVisible(false);
      renderer.setSeriesPaint(0, new Color(0x33, 0x66, 0xaa));
      NumberAxis neurons = new NumberAxis(names.get(k).replaceFirst(" \\(.*", "") + ": neurons");
      neurons.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
      XYPlot sub = new XYPlot(data, null, neurons, renderer);
      sub.setBackgroundPaint(Color.WHITE);
      sub.setRangeGridlinePaint(Color.LIGHT_GRAY);
      plot.add(sub, 1);
    }
    return Charts.styled(new JFreeChart("Firing rates over the test set", JFreeChart.DEFAULT_TITLE_FONT, plot, false));
  }

  /** Cells shaded by count (white to dark blue), each labelled with its count; true class down, predicted across. */
  JFreeChart confusion(long[][] matrix) {
    int cells = classes * classes;
    double[][] xyz = new double[3][cells];
    long max = 1;
    for (int t = 0; t < classes; t++) {
      for (int p = 0; p < classes; p++) {
        int i = t * classes + p;
        xyz[0][i] = p;
        xyz[1][i] = t;
        xyz[2][i] = matrix[t][p];
        max = Math.max(max, matrix[t][p]);
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("count", xyz);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(new BlueScale(max));
    NumberAxis predicted = new NumberAxis("predicted class");
    predicted.setRange(-0.5, classes - 0.5);
    predicted.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    NumberAxis truth = new NumberAxis("true class");
    truth.setRange(-0.5, classes - 0.5);
    truth.setInverted(true);
    truth.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    XYPlot plot = new XYPlot(data, predicted, truth, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    if (classes <= 20) {
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, classes <= 10 ? 12 : 9);
      for (int t = 0; t < classes; t++) {
        for (int p = 0; p < classes; p++) {
          XYTextAnnotation a = new XYTextAnnotation(Long.toString(matrix[t][p]), p, t);
          a.setFont(font);
          a.setPaint(matrix[t][p] * 2 > max ? Color.WHITE : Color.BLACK);
          plot.addAnnotation(a);
        }
      }
    }
    return Charts.styled(new JFreeChart("Confusion matrix", JFreeChart.DEFAULT_TITLE_FONT, plot, false));
  }

  /** White at 0 to dark blue at the largest count. */
  private static final class BlueScale implements PaintScale {
    private final double max;

    BlueScale(double max) {
      this.max = max;
    }

    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return max;
    }

    @Override
    public Paint getPaint(double value) {
      double f = Math.max(0, Math.min(1, value / max));
      return new Color((int) Math.round(255 - f * (255 - 0x08)), (int) Math.round(255 - f * (255 - 0x30)),
          (int) Math.round(255 - f * (255 - 0x6b)));
    }
  }
}
