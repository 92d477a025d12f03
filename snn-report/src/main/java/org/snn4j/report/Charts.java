package org.snn4j.report;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.svg.SVGGraphics2D;

/** Draws JFreeChart charts to PNG (through AWT, headless) and SVG (JFreeSVG's Graphics2D). */
final class Charts {
  private Charts() {}

  /**
   * Makes AWT headless unless the application chose otherwise: reports are drawn on servers and in CI, where no
   * display exists; must run before the first AWT class that asks (a chart's fonts do).
   */
  static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** A white chart background, the same in both formats. */
  static JFreeChart styled(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
    headless();
    ReportFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
  }

  static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
    headless();
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    // JFreeSVG's default id prefix comes from System.nanoTime: a fixed one (the file's, unique per picture) makes the
    // same chart the same bytes
    g2.setDefsKeyPrefix(file.getFileName().toString().replaceAll("[^A-Za-z0-9]", "-") + "-");
    chart.draw(g2, new Rectangle(0, 0, width, height));
    // the element without getSVGDocument's DOCTYPE: SVG 2 has none, and XML parsers would fetch its DTD
    String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement() + "\n";
    ReportFiles.write(file, out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
  }
}
