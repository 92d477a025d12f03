package org.snn4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two JMH JSON result files made on the same machine in the same job:
 *
 * <pre>
 *   java -cp snn-bench/target/benchmarks.jar org.snn4j.bench.Compare base.json new.json [--threshold 0.05]
 * </pre>
 *
 * Prints one row per benchmark and parameter set with both scores and their ratio (new / base). A benchmark counts
 * as slower when it is worse by more than the threshold AND its error interval does not overlap the base's; any
 * such benchmark makes the exit code 1. Scores are compared in the direction of their mode: lower is better for
 * time per operation, higher for throughput.
 */
public final class Compare {
  private Compare() {}

  /** One benchmark result. */
  record Score(double value, double error, String unit, boolean higherIsBetter) {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    double threshold = 0.05;
    Path base = null;
    Path next = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--threshold") && i + 1 < args.length) {
        threshold = Double.parseDouble(args[++i]);
      } else if (base == null) {
        base = Path.of(args[i]);
      } else if (next == null) {
        next = Path.of(args[i]);
      } else {
        err.println("compare: unexpected argument " + args[i]);
        return 2;
      }
    }
    if (base == null || next == null) {
      err.println("usage: Compare BASE.json NEW.json [--threshold 0.05]");
      return 2;
    }
    Map<String, Score> a = read(base);
    Map<String, Score> b = read(next);
    int slower = 0;
    out.printf(Locale.ROOT, "%-70s %14s %14s %8s%n", "benchmark", "base", "new", "new/base");
    for (Map.Entry<String, Score> e : new TreeMap<>(b).entrySet()) {
      Score s1 = a.get(e.getKey());
      Score s2 = e.getValue();
      if (s1 == null) {
        out.printf(Locale.ROOT, "%-70s %14s %14s %8s%n", e.getKey(), "-", fmt(s2), "new");
        continue;
      }
      double ratio = s2.value() / s1.value();
      boolean worse = s2.higherIsBetter() ? ratio < 1 - threshold : ratio > 1 + threshold;
      boolean separated = s2.higherIsBetter()
          ? s2.value() + s2.error() < s1.value() - s1.error()
          : s2.value() - s2.error() > s1.value() + s1.error();
      boolean regression = worse && separated;
      slower += regression ? 1 : 0;
      out.printf(Locale.ROOT, "%-70s %14s %14s %8.3f%s%n", e.getKey(), fmt(s1), fmt(s2), ratio,
          regression ? "  SLOWER" : "");
    }
    for (String k : a.keySet()) {
      if (!b.containsKey(k)) {
        out.printf(Locale.ROOT, "%-70s %14s %14s %8s%n", k, fmt(a.get(k)), "-", "gone");
      }
    }
    out.printf(Locale.ROOT, "%d benchmark(s) slower by more than %.0f%% beyond both error bars%n", slower,
        threshold * 100);
    return slower == 0 ? 0 : 1;
  }

  private static String fmt(Score s) {
    return String.format(Locale.ROOT, "%.4g±%.2g", s.value(), s.error());
  }

  static Map<String, Score> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isArray()) {
      throw new IOException(file + ": not a JMH JSON result file (expected an array)");
    }
    Map<String, Score> scores = new LinkedHashMap<>();
    for (JsonNode r : root) {
      StringBuilder key = new StringBuilder(r.path("benchmark").asText());
      JsonNode params = r.path("params");
      if (params.isObject()) {
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> p : params.properties()) {
          sorted.put(p.getKey(), p.getValue().asText());
        }
        key.append(sorted);
      }
      JsonNode m = r.path("primaryMetric");
      double error = m.path("scoreError").asDouble(0);
      String mode = r.path("mode").asText();
      scores.put(key.toString(), new Score(m.path("score").asDouble(), Double.isNaN(error) ? 0 : error,
          m.path("scoreUnit").asText(), mode.equals("thrpt")));
    }
    return scores;
  }
}
