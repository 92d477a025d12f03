package org.snn4j.cli;

/** Java sources of small plugins for the plugin-folder tests, compiled into jars with snn-testkit's PluginJar. */
final class PluginSources {
  private PluginSources() {}

  /**
   * A triangle surrogate of width {@code a} (default 1) named {@code name}, in class {@code pkg.Curve}; {@code
   * constructorBody} runs in its constructor.
   */
  static String surrogate(String pkg, String name, String constructorBody) {
    return """
        package %1$s;
        import java.util.Map;
        import org.snn4j.api.*;
        public final class Curve implements SurrogateFactory {
          public Curve() { %3$s }
          public String name() { return "%2$s"; }
          public String description() { return "triangle h(z) = max(0, 1 - |z|/a)/a, from a test jar"; }
          public Map<String, String> parameterDefaults() { return Map.of("a", "1"); }
          public SurrogateGradient create(PluginParams p) {
            double a = p.getPositive("a");
            if (a > 100) {
              throw new PluginException("%2$s: parameter 'a' must be <= 100, got " + p.get("a"));
            }
            return new SurrogateGradient() {
              public String name() { return "%2$s"; }
              public float derivative(float z) { return (float) (Math.max(0, 1 - Math.abs(z) / a) / a); }
              public String toString() { return "%2$s:a=" + a; }
            };
          }
        }
        """.formatted(pkg, name, constructorBody);
  }

  /**
   * A neuron named {@code name} in class {@code pkg.Neuron}: LIF with a subtractive reset, {@code u[t] =
   * decay·u[t-1] + I[t] - vth·o[t-1]}, state {@code u}, no learnable parameters.
   */
  static String neuron(String pkg, String name) {
    return """
        package %1$s;
        import java.util.Map;
        import org.snn4j.api.*;
        public final class Neuron implements NeuronFactory {
          public String name() { return "%2$s"; }
          public String description() { return "LIF with subtractive reset, from a test jar"; }
          public Map<String, String> parameterDefaults() { return Map.of("decay", "0.2", "vth", "0.5"); }
          public NeuronModel create(PluginParams p) {
            float decay = (float) p.getDouble("decay");
            float vth = (float) p.getPositive("vth");
            return new NeuronModel() {
              public String name() { return "%2$s"; }
              public String spec() { return "%2$s:decay=" + decay + ",vth=" + vth; }
              public void update(float[] th, float[] prev, int pf, boolean o, float i, float[] next, int nf) {
                next[nf] = decay * prev[pf] + i - (o ? vth : 0f);
              }
              public float spikeArgument(float[] th, float[] s, int from) { return s[from] - vth; }
              public void spikeArgumentBackward(float[] th, float[] s, int from, float gz, float[] gs, int gf,
                  float[] gp) {
                gs[gf] += gz;
              }
              public void updateBackward(float[] th, float[] prev, int pf, boolean o, float i, float[] gn, int gnf,
                  float[] gprev, int gpf, float[] gp, float[] in) {
                gprev[gpf] += gn[gnf] * decay;
                in[0] = gn[gnf];
                in[1] = -vth * gn[gnf];
              }
            };
          }
        }
        """.formatted(pkg, name);
  }

  /**
   * A dataset reader named {@code tiny-csv}: {@code train.csv} and {@code test.csv}, lines of {@code label,x1..x4}
   * with values in [0, 1].
   */
  static String csvReader() {
    return """
        package com.example.csv;
        import java.io.IOException;
        import java.nio.file.*;
        import java.util.List;
        import org.snn4j.api.*;
        public final class TinyCsv implements DatasetReader {
          public String name() { return "tiny-csv"; }
          public String description() { return "label,x1,x2,x3,x4 per line"; }
          private static Path file(Path folder, Split split) {
            return folder.resolve(split == Split.TRAIN ? "train.csv" : "test.csv");
          }
          public boolean isPresent(Path folder, Split split) { return Files.isRegularFile(file(folder, split)); }
          public Dataset read(Path folder, Split split) throws IOException {
            Path f = file(folder, split);
            List<String> lines = Files.readAllLines(f);
            int n = lines.size();
            int[] labels = new int[n];
            float[][] x = new float[n][4];
            for (int i = 0; i < n; i++) {
              String[] p = lines.get(i).split(",");
              labels[i] = Integer.parseInt(p[0]);
              for (int j = 0; j < 4; j++) x[i][j] = Float.parseFloat(p[j + 1]);
            }
            return new Dataset() {
              public String source() { return f.toString(); }
              public int size() { return n; }
              public int featureCount() { return 4; }
              public int classCount() { return 2; }
              public void features(int i, float[] dst, int off) { System.arraycopy(x[i], 0, dst, off, 4); }
              public int label(int i) { return labels[i]; }
            };
          }
        }
        """;
  }
}
