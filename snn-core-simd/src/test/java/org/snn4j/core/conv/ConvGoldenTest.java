package org.snn4j.core.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snn4j.api.PluginSpec;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.net.SpikeBits;
import org.snn4j.core.parallel.WorkerPool;
import org.snn4j.plugins.PluginRegistry;

/**
 * The conv golden cases ({@code stbp-conv-golden/}: conv, stride, padding, 5×5 kernels, average and max pooling,
 * flatten, detach-reset) through {@link ConvSynapse}, {@link PoolRows} and {@link PixelLayout}, in both kernel twins
 * and on 1 and 2 threads: spike counts exactly, loss and gradients within 1e-5 of each tensor's largest value.
 *
 * <p>The network around them is written here, plainly (the LIF through the {@link Kernels} steps, dense layers as
 * loops), so that the conv pieces are checked against the contract on their own. {@code -Dsnn.convGoldenDir=DIR}
 * adds the cases of another folder.
 */
class ConvGoldenTest {
  private static final double TOLERANCE = 1e-5;

  static List<Path> goldenFiles() throws IOException, URISyntaxException {
    List<Path> dirs = new ArrayList<>();
    URL resource = ConvGoldenTest.class.getResource("/stbp-conv-golden/README.md");
    if (resource != null) {
      dirs.add(Path.of(resource.toURI()).getParent());
    } else {
      dirs.add(Path.of("../../shared/testdata/stbp-conv-golden"));
    }
    String extra = System.getProperty("snn.convGoldenDir");
    if (extra != null && !extra.isBlank()) {
      dirs.add(Path.of(extra));
    }
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @TestFactory
  Stream<DynamicTest> everyCaseInBothTwins() throws Exception {
    List<Path> files = goldenFiles();
    assertFalse(files.isEmpty(), "no conv golden files found");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      tests.add(DynamicTest.dynamicTest(f.getFileName() + " scalar", () -> check(f, KernelSelection.scalar(), 1)));
      tests.add(DynamicTest.dynamicTest(f.getFileName() + " vector", () -> check(f, KernelSelection.vector(), 2)));
    }
    return tests.stream();
  }

  /** One layer of the case: its kind, shapes and what its passes keep. */
  private static final class Stage {
    String type;
    int c;
    int h;
    int w; // input shape (h = w = 1 for flat input)
    int outC;
    int outH;
    int outW;
    ConvSynapse conv;
    PoolRows pool;
    float[] denseW; // [out][in], as in the file
    float[] denseB;
    float[] denseGradW;
    float[] denseGradB;
    long[] inBits; // the stage's input, spikes or analog
    float[] inAnalog;
    float[] u; // membranes of a spiking stage
    long[] outBits;
    float[] outAnalog;

    int inSize() {
      return c * h * w;
    }

    int outSize() {
      return outC * outH * outW;
    }

    boolean spiking() {
      return type.equals("conv2d") || type.equals("dense");
    }
  }

  private static void check(Path file, Kernels kernels, int threads) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    int steps = root.get("timesteps").asInt();
    int batch = root.get("batch").asInt();
    int rows = steps * batch;
    float decay = (float) root.get("decay").asDouble();
    float vth = (float) root.get("vth").asDouble();
    boolean detach = root.get("detach_reset").asBoolean();
    JsonNode sj = root.get("surrogate");
    SurrogateGradient surrogate = PluginRegistry.load(SurrogateFactory.class).get(sj.get("name").asText())
        .create(PluginSpec.parse(sj.get("name").asText() + ":a=" + sj.get("a").asDouble()));
    JsonNode shape = root.get("input_shape");
    int c = shape.get(0).asInt();
    int h = shape.get(1).asInt();
    int w = shape.get(2).asInt();

    List<Stage> stages = new ArrayList<>();
    int weighted = 0;
    for (JsonNode l : root.get("layers")) {
      Stage s = new Stage();
      s.type = l.get("type").asText();
      s.c = c;
      s.h = h;
      s.w = w;
      switch (s.type) {
        case "conv2d" -> {
          ConvGeometry g = new ConvGeometry(c, h, w, l.get("out_channels").asInt(), l.get("kernel").asInt(),
              l.get("stride").asInt(), l.get("padding").asInt());
          s.conv = new ConvSynapse(g, kernels);
          JsonNode wt = root.get("weights").get(weighted++);
          System.arraycopy(g.toPixelMajorWeights(flat(wt.get("W"))), 0, s.conv.weight(), 0, g.weightSize());
          System.arraycopy(flat(wt.get("b")), 0, s.conv.bias(), 0, g.outChannels());
          s.outC = g.outChannels();
          s.outH = g.outHeight();
          s.outW = g.outWidth();
        }
        case "avgpool2d", "maxpool2d" -> {
          s.pool = new PoolRows(new PoolGeometry(c, h, w, l.get("kernel").asInt(), l.get("stride").asInt()));
          s.outC = c;
          s.outH = s.pool.geometry().outHeight();
          s.outW = s.pool.geometry().outWidth();
        }
        case "flatten" -> {
          s.outC = c * h * w;
          s.outH = 1;
          s.outW = 1;
        }
        case "dense" -> {
          JsonNode wt = root.get("weights").get(weighted++);
          s.denseW = flat(wt.get("W"));
          s.denseB = flat(wt.get("b"));
          s.outC = s.denseB.length;
          s.outH = 1;
          s.outW = 1;
        }
        default -> throw new IllegalArgumentException(file + ": unknown layer " + s.type);
      }
      c = s.outC;
      h = s.outH;
      w = s.outW;
      stages.add(s);
    }

    // input [T][B][C][H][W] → rows of pixel-major bits
    Stage first = stages.get(0);
    PixelLayout inputLayout = new PixelLayout(first.c, first.h, first.w);
    int inWords = SpikeBits.words(first.inSize());
    long[] bits = new long[rows * inWords];
    long[] channelRow = new long[inWords];
    JsonNode x = root.get("input_spikes");
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        java.util.Arrays.fill(channelRow, 0L);
        double[] v = flatDouble(x.get(t).get(b));
        for (int i = 0; i < v.length; i++) {
          if (v[i] != 0) {
            channelRow[i >>> 6] |= 1L << (i & 63);
          }
        }
        inputLayout.toPixelMajor(channelRow, 0, bits, (t * batch + b) * inWords);
      }
    }

    try (WorkerPool pool = new WorkerPool(threads)) {
      long[] curBits = bits;
      float[] curAnalog = null;
      for (Stage s : stages) {
        s.inBits = curBits;
        s.inAnalog = curAnalog;
        int inWordsS = SpikeBits.words(s.inSize());
        int outWords = SpikeBits.words(s.outSize());
        switch (s.type) {
          case "conv2d", "dense" -> {
            s.u = new float[rows * s.outSize()];
            if (s.conv != null) {
              if (curBits != null) {
                s.conv.forward(curBits, inWordsS, rows, s.u, pool);
              } else {
                s.conv.forward(curAnalog, rows, s.u, pool);
              }
            } else {
              denseForward(s, rows);
            }
            s.outBits = new long[rows * outWords];
            int n = s.outSize();
            for (int r = 0; r < rows; r++) {
              if (r < batch) {
                kernels.lifFirstStep(s.u, r * n, s.outBits, r * outWords, n, vth);
              } else {
                kernels.lifStep(s.u, (r - batch) * n, s.u, r * n, s.outBits, r * outWords, n, decay, vth);
              }
            }
            curBits = s.outBits;
            curAnalog = null;
          }
          case "avgpool2d" -> {
            s.outAnalog = new float[rows * s.outSize()];
            for (int r = 0; r < rows; r++) {
              if (curBits != null) {
                s.pool.averageSpikes(curBits, r * inWordsS, s.outAnalog, r * s.outSize());
              } else {
                s.pool.averageAnalog(curAnalog, r * s.inSize(), s.outAnalog, r * s.outSize());
              }
            }
            curBits = null;
            curAnalog = s.outAnalog;
          }
          case "maxpool2d" -> {
            s.outBits = new long[rows * outWords];
            for (int r = 0; r < rows; r++) {
              s.pool.maxSpikes(curBits, r * inWordsS, s.outBits, r * outWords);
            }
            curBits = s.outBits;
          }
          case "flatten" -> {
            PixelLayout layout = new PixelLayout(s.c, s.h, s.w);
            if (curBits != null) {
              s.outBits = new long[rows * outWords];
              for (int r = 0; r < rows; r++) {
                layout.toChannelMajor(curBits, r * inWordsS, s.outBits, r * outWords);
              }
              curBits = s.outBits;
            } else {
              s.outAnalog = new float[rows * s.outSize()];
              for (int r = 0; r < rows; r++) {
                layout.toChannelMajor(curAnalog, r * s.inSize(), s.outAnalog, r * s.outSize());
              }
              curAnalog = s.outAnalog;
            }
          }
          default -> throw new IllegalStateException(s.type);
        }
      }

      // spike counts of each spiking stage, channel-major, against the file
      JsonNode expected = root.get("expected");
      int spiking = 0;
      for (Stage s : stages) {
        if (!s.spiking()) {
          continue;
        }
        JsonNode counts = expected.get("spike_counts").get(spiking++);
        PixelLayout layout = new PixelLayout(s.outC, s.outH, s.outW);
        int outWords = SpikeBits.words(s.outSize());
        long[] channelMajor = new long[outWords];
        for (int b = 0; b < batch; b++) {
          int[] count = new int[s.outSize()];
          for (int t = 0; t < steps; t++) {
            layout.toChannelMajor(s.outBits, (t * batch + b) * outWords, channelMajor, 0);
            for (int i = 0; i < count.length; i++) {
              count[i] += (int) (channelMajor[i >>> 6] >>> (i & 63) & 1L);
            }
          }
          double[] want = flatDouble(counts.get(b));
          for (int i = 0; i < count.length; i++) {
            assertEquals(want[i], count[i], 0, file.getFileName() + ": spike count of layer " + (spiking - 1)
                + ", sample " + b + ", neuron " + i);
          }
        }
      }

      // loss: mean over B·K of (rate - onehot)²; dL/do_last[t] = 2 (rate - onehot) / (B·K) / T
      Stage last = stages.get(stages.size() - 1);
      int classes = last.outSize();
      int lastWords = SpikeBits.words(classes);
      float[] grad = new float[rows * classes];
      double loss = 0;
      for (int b = 0; b < batch; b++) {
        int label = root.get("labels").get(b).asInt();
        for (int k = 0; k < classes; k++) {
          double rate = 0;
          for (int t = 0; t < steps; t++) {
            rate += last.outBits[(t * batch + b) * lastWords + (k >>> 6)] >>> (k & 63) & 1L;
          }
          rate /= steps;
          double diff = rate - (k == label ? 1 : 0);
          loss += diff * diff;
          float g = (float) (2 * diff / (batch * classes) / steps);
          for (int t = 0; t < steps; t++) {
            grad[(t * batch + b) * classes + k] = g;
          }
        }
      }
      loss /= batch * classes;
      assertEquals(expected.get("loss").asDouble(), loss, TOLERANCE, file.getFileName() + ": loss");

      for (int l = stages.size() - 1; l >= 0; l--) {
        Stage s = stages.get(l);
        boolean needInput = l > 0;
        float[] gradIn = needInput ? new float[rows * s.inSize()] : null;
        int inWordsS = SpikeBits.words(s.inSize());
        switch (s.type) {
          case "conv2d", "dense" -> {
            float[] gu = lifBackward(kernels, surrogate, s, grad, steps, batch, decay, vth, detach);
            if (s.conv != null) {
              s.conv.backward(s.inBits, inWordsS, s.inAnalog, gu, rows, gradIn, pool);
            } else {
              denseBackward(s, gu, rows, gradIn);
            }
          }
          case "avgpool2d" -> {
            for (int r = 0; r < rows && needInput; r++) {
              s.pool.averageBackward(grad, r * s.outSize(), gradIn, r * s.inSize());
            }
          }
          case "maxpool2d" -> {
            for (int r = 0; r < rows && needInput; r++) {
              s.pool.maxBackward(s.inBits, r * inWordsS, grad, r * s.outSize(), gradIn, r * s.inSize());
            }
          }
          case "flatten" -> {
            PixelLayout layout = new PixelLayout(s.c, s.h, s.w);
            for (int r = 0; r < rows && needInput; r++) {
              layout.toPixelMajor(grad, r * s.outSize(), gradIn, r * s.inSize());
            }
          }
          default -> throw new IllegalStateException(s.type);
        }
        grad = gradIn;
      }

      int index = 0;
      for (Stage s : stages) {
        if (!s.spiking()) {
          continue;
        }
        JsonNode g = expected.get("grads").get(index);
        String what = file.getFileName() + ": layer " + index++;
        float[] gw = s.conv != null ? s.conv.geometry().toTorchWeights(s.conv.weightGradient()) : s.denseGradW;
        float[] gb = s.conv != null ? s.conv.biasGradient() : s.denseGradB;
        assertClose(flatDouble(g.get("W")), gw, what + " dW");
        assertClose(flatDouble(g.get("b")), gb, what + " db");
      }
    }
  }

  /** The LIF's reverse recurrence over a spiking stage: dL/dI from dL/do. */
  private static float[] lifBackward(Kernels kernels, SurrogateGradient surrogate, Stage s, float[] go, int steps,
      int batch, float decay, float vth, boolean detach) {
    int width = batch * s.outSize();
    float[] h = new float[steps * width];
    float[] gu = new float[steps * width];
    for (int t = steps - 1; t >= 0; t--) {
      int cur = t * width;
      kernels.subtract(s.u, cur, vth, h, cur, width);
      surrogate.derivative(h, cur, h, cur, width);
      float[] next = t == steps - 1 ? null : gu;
      kernels.lifBackwardStep(go, cur, next, cur + width, s.u, cur, h, cur, gu, cur, width, decay, detach, vth);
    }
    return gu;
  }

  private static void denseForward(Stage s, int rows) {
    int in = s.inSize();
    int out = s.outSize();
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < out; j++) {
        float sum = s.denseB[j];
        for (int i = 0; i < in; i++) {
          float v = s.inBits != null ? (float) (s.inBits[r * SpikeBits.words(in) + (i >>> 6)] >>> (i & 63) & 1L)
              : s.inAnalog[r * in + i];
          sum += v * s.denseW[j * in + i];
        }
        s.u[r * out + j] = sum;
      }
    }
  }

  private static void denseBackward(Stage s, float[] gu, int rows, float[] gradIn) {
    int in = s.inSize();
    int out = s.outSize();
    s.denseGradW = new float[out * in];
    s.denseGradB = new float[out];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < out; j++) {
        float g = gu[r * out + j];
        s.denseGradB[j] += g;
        for (int i = 0; i < in; i++) {
          float v = s.inBits != null ? (float) (s.inBits[r * SpikeBits.words(in) + (i >>> 6)] >>> (i & 63) & 1L)
              : s.inAnalog[r * in + i];
          s.denseGradW[j * in + i] += g * v;
          if (gradIn != null) {
            gradIn[r * in + i] += g * s.denseW[j * in + i];
          }
        }
      }
    }
  }

  private static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": size");
    double max = 0;
    for (double v : expected) {
      max = Math.max(max, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE * Math.max(max, 1e-12), what + " at " + i);
    }
  }

  private static float[] flat(JsonNode n) {
    double[] d = flatDouble(n);
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static double[] flatDouble(JsonNode n) {
    List<Double> out = new ArrayList<>();
    collect(n, out);
    double[] d = new double[out.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = out.get(i);
    }
    return d;
  }

  private static void collect(JsonNode n, List<Double> out) {
    if (n.isArray()) {
      for (JsonNode e : n) {
        collect(e, out);
      }
    } else {
      out.add(n.asDouble());
    }
  }
}
