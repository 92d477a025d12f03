package org.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
  @TempDir Path dir;

  private Path result(String name, double trainMs, double trainErr, double gemmOps) throws Exception {
    String json = "[{\"benchmark\":\"org.snn4j.bench.MlpBenchmark.trainStep\",\"mode\":\"avgt\","
        + "\"params\":{\"threads\":\"2\"},\"primaryMetric\":{\"score\":" + trainMs + ",\"scoreError\":" + trainErr
        + ",\"scoreUnit\":\"ms/op\"}},"
        + "{\"benchmark\":\"org.snn4j.bench.X.ops\",\"mode\":\"thrpt\","
        + "\"primaryMetric\":{\"score\":" + gemmOps + ",\"scoreError\":1.0,\"scoreUnit\":\"ops/s\"}}]";
    Path p = dir.resolve(name);
    Files.writeString(p, json);
    return p;
  }

  private static String[] run(int expectedCode, Path a, Path b) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Compare.run(new String[] {a.toString(), b.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(expectedCode, code, text);
    return text.split("\n");
  }

  @Test
  void flagsAClearSlowdownAndExitsNonZero() throws Exception {
    String[] lines = run(1, result("a.json", 20, 0.5, 100), result("b.json", 25, 0.5, 100));
    assertTrue(lines[1].contains("trainStep") || lines[2].contains("trainStep"));
    assertTrue(String.join("\n", lines).contains("SLOWER"));
  }

  @Test
  void ignoresChangesInsideTheErrorBarsOrBelowTheThreshold() throws Exception {
    run(0, result("a.json", 20, 3, 100), result("b.json", 23, 3, 100));
    run(0, result("a.json", 20, 0.1, 100), result("b.json", 20.5, 0.1, 100));
  }

  @Test
  void throughputIsBetterWhenHigher() throws Exception {
    run(0, result("a.json", 20, 0.1, 100), result("b.json", 20, 0.1, 150));
    String[] lines = run(1, result("a.json", 20, 0.1, 100), result("b.json", 20, 0.1, 50));
    assertTrue(String.join("\n", lines).contains("X.ops"));
  }
}
