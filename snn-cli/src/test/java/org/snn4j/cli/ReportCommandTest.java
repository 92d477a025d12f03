package org.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** {@code snn train --report} and {@code snn report} on a small conv net trained here on 400 samples. */
class ReportCommandTest {
  private static final Pattern EPOCH = Pattern.compile(
      "^epoch (\\d+)/\\d+  train loss ([0-9.]+) .*\\| test accuracy ([0-9.]+)%  loss ([0-9.]+) .*$");

  @TempDir static Path data;
  @TempDir static Path work;
  static Path model;
  static CliRun train;
  static double trainAccuracy;

  @BeforeAll
  static void trainWithAReport() throws Exception {
    SmallFashionMnist.write(data, 400, 150);
    model = work.resolve("conv.snn");
    train = CliRun.of("train", "--data-dir", data.toString(), "--net", "conv4k5s2,lif,avgpool2,flatten,dense10,lif",
        "--timesteps", "4", "--epochs", "2", "--batch", "50", "--lr", "5e-3", "--out", model.toString(),
        "--report", work.resolve("curves").toString(), "--no-progress");
    assertEquals(0, train.exitCode(), train.err());
    Matcher m = Pattern.compile("\"test_accuracy\":([0-9.]+)").matcher(train.lastOutLine());
    assertTrue(m.find(), train.lastOutLine());
    trainAccuracy = Double.parseDouble(m.group(1));
  }

  private static BufferedImage png(Path file, int width, int height) throws Exception {
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, file + " is not a PNG ImageIO reads");
    assertEquals(width, image.getWidth(), file.toString());
    assertEquals(height, image.getHeight(), file.toString());
    return image;
  }

  private static void svg(Path file, int width, int height) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Element root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals(width, Double.parseDouble(root.getAttribute("width")), 0, file.toString());
    assertEquals(height, Double.parseDouble(root.getAttribute("height")), 0, file.toString());
  }

  @Test
  void theTrainingReportHoldsTheNumbersOfTheEpochLines() throws Exception {
    Path dir = work.resolve("curves");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    List<String> lines = train.out().lines().filter(l -> l.startsWith("epoch ")).toList();
    assertEquals(2, lines.size(), train.out());
    assertEquals(2, json.get("epochs").size());
    for (int i = 0; i < 2; i++) {
      Matcher m = EPOCH.matcher(lines.get(i));
      assertTrue(m.matches(), lines.get(i));
      JsonNode e = json.get("epochs").get(i);
      assertEquals(Integer.parseInt(m.group(1)), e.get("epoch").asInt());
      assertEquals(Double.parseDouble(m.group(2)), e.get("train_loss").asDouble(), 0.5e-5, lines.get(i));
      assertEquals(Double.parseDouble(m.group(3)), e.get("test_accuracy").asDouble(), 0.005, lines.get(i));
      assertEquals(Double.parseDouble(m.group(4)), e.get("test_loss").asDouble(), 0.5e-5, lines.get(i));
      assertEquals(5e-3f, e.get("learning_rate").asDouble(), 0);
      double acc = e.get("train_accuracy").asDouble();
      assertTrue(acc > 0 && acc <= 100, "train accuracy " + acc);
      // 400 training samples: the accuracy is a whole count of them
      assertEquals(Math.round(acc * 4), acc * 4, 1e-9);
    }
    assertEquals(trainAccuracy, json.get("epochs").get(1).get("test_accuracy").asDouble(), 0.5e-4, "the summary rounds");
    JsonNode curves = json.get("images").get("learning-curves");
    png(dir.resolve("learning-curves.png"), curves.get("width").asInt(), curves.get("height").asInt());
    svg(dir.resolve("learning-curves.svg"), curves.get("width").asInt(), curves.get("height").asInt());
    assertTrue(Files.readString(dir.resolve("index.html")).contains("<img src=\"learning-curves.png\""));
  }

  @Test
  void theModelReportAgreesWithTheTrainingRunsTestAccuracy() throws Exception {
    Path dir = work.resolve("model-report");
    CliRun run = CliRun.of("report", "--model", model.toString(), "--data-dir", data.toString(), "--out",
        dir.toString(), "--samples", "3", "--batch", "50", "--no-progress");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.lastOutLine().startsWith("{\"command\":\"report\""), run.lastOutLine());
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals(150, json.get("test_samples").asInt());
    assertEquals(trainAccuracy, json.get("test_accuracy").asDouble(), 0.5e-4, "same model, same test spikes");
    long sum = 0;
    long diagonal = 0;
    JsonNode confusion = json.get("confusion");
    for (int t = 0; t < 10; t++) {
      for (int p = 0; p < 10; p++) {
        sum += confusion.get(t).get(p).asLong();
        diagonal += t == p ? confusion.get(t).get(p).asLong() : 0;
      }
    }
    assertEquals(150, sum);
    assertEquals(json.get("correct").asLong(), diagonal);
    assertEquals(trainAccuracy, 100.0 * diagonal / 150, 0.5e-4);
    assertTrue(diagonal > 15, "well above chance (10%): " + diagonal + "/150");
    // the conv layer (4 channels of 12×12, flattened) and the output layer; pooling and flatten have no neurons
    JsonNode layers = json.get("layers");
    assertEquals(2, layers.size());
    assertEquals(4 * 12 * 12, layers.get(0).get("neurons").asInt());
    assertEquals(10, layers.get(1).get("neurons").asInt());
    for (JsonNode image : json.get("images")) {
      png(dir.resolve(image.get("png").asText()), image.get("width").asInt(), image.get("height").asInt());
      if (image.has("svg")) {
        svg(dir.resolve(image.get("svg").asText()), image.get("width").asInt(), image.get("height").asInt());
      }
    }
    assertEquals(3, json.get("images").size(), "raster, histograms, confusion matrix");
    String html = Files.readString(dir.resolve("index.html"));
    for (JsonNode image : json.get("images")) {
      assertTrue(html.contains("<img src=\"" + image.get("png").asText() + "\""), html);
    }
  }

  @Test
  void badFoldersAreOneLineErrors() throws Exception {
    Path file = Files.writeString(work.resolve("a-file"), "x");
    CliRun run = CliRun.of("report", "--model", model.toString(), "--data-dir", data.toString(), "--out",
        file.toString(), "--no-progress");
    assertNotEquals(0, run.exitCode());
    assertEquals("snn: --out: " + file + " is not a folder; name a folder\n", run.errLines());
    CliRun t = CliRun.of("train", "--data-dir", data.toString(), "--report", file.toString(), "--out",
        work.resolve("x.snn").toString(), "--no-progress");
    assertNotEquals(0, t.exitCode());
    assertTrue(t.errLines().startsWith("snn: --report: " + file + " is not a folder; name a folder"), t.errLines());
    assertEquals(1, t.errLines().lines().count(), t.errLines());
    CliRun samples = CliRun.of("report", "--model", model.toString(), "--samples", "-1", "--no-progress");
    assertEquals("snn: --samples must be between 0 and 64, got -1\n", samples.errLines());
  }
}
