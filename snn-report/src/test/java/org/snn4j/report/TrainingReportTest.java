package org.snn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {
  @TempDir Path dir;

  @Test
  void writesCurvesOfTheStatedSizeAndTheEpochsNumbers() throws Exception {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("dataset", "fashion-mnist");
    settings.put("epochs", 3);
    TrainingReport report = new TrainingReport(settings);
    EpochRecord[] epochs = {
      new EpochRecord(1, 0.0412, 61.25, 70.5, 0.0391, 1e-3, 3.5),
      new EpochRecord(2, 0.0333, 74.0, 77.75, 0.0301, 1e-3, 3.25),
      new EpochRecord(3, 0.0299, Double.NaN, 79.0, 0.0287, 5e-4, 3.125)
    };
    for (EpochRecord e : epochs) {
      report.add(e);
    }
    report.write(dir.resolve("sub"));
    Path out = dir.resolve("sub");
    ImageChecks.png(out.resolve("learning-curves.png"), TrainingReport.WIDTH, TrainingReport.HEIGHT);
    ImageChecks.svg(out.resolve("learning-curves.svg"), TrainingReport.WIDTH, TrainingReport.HEIGHT);

    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals("fashion-mnist", json.get("settings").get("dataset").asText());
    assertEquals(3, json.get("epochs").size());
    for (int i = 0; i < epochs.length; i++) {
      JsonNode e = json.get("epochs").get(i);
      assertEquals(epochs[i].epoch(), e.get("epoch").asInt());
      assertEquals(epochs[i].trainLoss(), e.get("train_loss").asDouble(), 0);
      assertEquals(epochs[i].testAccuracy(), e.get("test_accuracy").asDouble(), 0);
      assertEquals(epochs[i].testLoss(), e.get("test_loss").asDouble(), 0);
      assertEquals(epochs[i].learningRate(), e.get("learning_rate").asDouble(), 0);
      assertEquals(epochs[i].seconds(), e.get("seconds").asDouble(), 0);
    }
    assertEquals(61.25, json.get("epochs").get(0).get("train_accuracy").asDouble(), 0);
    assertTrue(json.get("epochs").get(2).get("train_accuracy").isNull(), "NaN is written as null");
    assertEquals(TrainingReport.WIDTH, json.get("images").get("learning-curves").get("width").asInt());

    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("<img src=\"learning-curves.png\""), html);
    assertTrue(html.contains("<td>77.75</td>"), html);
    assertTrue(!html.contains("<script"), "self-contained, no script");
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "temporary files left");
    }
  }

  @Test
  void rewritingAfterEachEpochShowsTheEpochsSoFar() throws Exception {
    TrainingReport report = new TrainingReport(Map.of());
    report.add(new EpochRecord(1, 0.5, 50, 55, 0.45, 0.1, 1));
    report.write(dir);
    assertEquals(1, new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("epochs").size());
    report.add(new EpochRecord(2, 0.4, 60, 65, 0.35, 0.1, 1));
    report.write(dir);
    assertEquals(2, new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("epochs").size());
    ImageChecks.png(dir.resolve("learning-curves.png"), TrainingReport.WIDTH, TrainingReport.HEIGHT);
  }

  @Test
  void aResumedRunKeepsTheEpochsBeforeItOnlyFromTheSameRun() throws Exception {
    TrainingReport first = new TrainingReport(Map.of("--seed", "1"));
    first.add(new EpochRecord(1, 0.5, Double.NaN, 55, 0.45, 0.1, 1));
    first.add(new EpochRecord(2, 0.4, 60, 65, 0.35, 0.1, 1));
    first.add(new EpochRecord(3, 0.3, 70, 75, 0.25, 0.1, 1));
    first.write(dir);
    TrainingReport resumed = TrainingReport.resume(dir, Map.of("--seed", "1"), 3);
    assertEquals(first.epochs().subList(0, 2).toString(), resumed.epochs().toString());
    assertEquals(0, TrainingReport.resume(dir, Map.of("--seed", "2"), 3).epochs().size(), "another run's report");
    assertEquals(0, TrainingReport.resume(dir, Map.of("--seed", "1"), 1).epochs().size(), "a run from epoch 1");
    assertEquals(0, TrainingReport.resume(dir.resolve("none"), Map.of("--seed", "1"), 3).epochs().size());
  }

  @Test
  void theSameRunDrawsTheSameBytes() throws Exception {
    for (String sub : new String[] {"a", "b"}) {
      TrainingReport report = new TrainingReport(Map.of("--seed", "1"));
      report.add(new EpochRecord(1, 0.5, 50, 55, 0.45, 0.1, 1));
      report.add(new EpochRecord(2, 0.4, 60, 65, 0.35, 0.1, 1));
      report.write(dir.resolve(sub));
    }
    for (String file : new String[] {"learning-curves.svg", "learning-curves.png", "report.json", "index.html"}) {
      assertEquals(-1L, Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file)), file);
    }
  }
}
