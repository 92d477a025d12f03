package org.snn4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snn4j.api.Dataset;
import org.snn4j.api.DatasetFormatException;
import org.snn4j.api.DatasetReader;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.api.SpikeEncoderFactory;
import org.snn4j.api.Split;
import org.snn4j.api.SurrogateFactory;
import org.snn4j.api.SurrogateGradient;

/**
 * Plugins for the kit's own tests: a well-behaved one of each kind (registered in this module's test service files)
 * and broken variants, each wrong in one way.
 */
public final class SamplePlugins {
  private SamplePlugins() {}

  /**
   * {@code kit-lif}: LIF with a learnable threshold {@code θ} starting at {@code vth}, {@code u[t] =
   * decay·u[t-1]·(1 - o[t-1]) + I[t]}, {@code z = u - θ}; well-behaved. Broken variants override {@link #neuron}.
   */
  public static class ThresholdLif implements NeuronFactory {
    /** For ServiceLoader. */
    public ThresholdLif() {}

    @Override
    public String name() {
      return "kit-lif";
    }

    @Override
    public String description() {
      return "LIF with a learnable threshold";
    }

    @Override
    public Map<String, String> parameterDefaults() {
      Map<String, String> d = new java.util.LinkedHashMap<>();
      d.put("decay", "0.5");
      d.put("vth", "0.5");
      d.put("detach_reset", "false");
      return d;
    }

    @Override
    public NeuronModel create(PluginParams params) {
      double decay = params.getDouble("decay");
      if (!(decay >= 0 && decay <= 1)) {
        throw new PluginException(name() + ": parameter 'decay' must be in [0, 1], got " + params.get("decay"));
      }
      String detach = params.get("detach_reset");
      if (!detach.equals("true") && !detach.equals("false")) {
        throw new PluginException(name() + ": parameter 'detach_reset' must be true or false, got " + detach);
      }
      return neuron((float) decay, (float) params.getDouble("vth"), detach.equals("true"));
    }

    NeuronModel neuron(float decay, float vth, boolean detachReset) {
      return new KitLif(decay, vth, detachReset);
    }
  }

  /** The neuron of {@link ThresholdLif}. */
  static class KitLif implements NeuronModel {
    final float decay;
    final float vth;
    final boolean detachReset;

    KitLif(float decay, float vth, boolean detachReset) {
      this.decay = decay;
      this.vth = vth;
      this.detachReset = detachReset;
    }

    @Override
    public String name() {
      return "kit-lif";
    }

    @Override
    public String spec() {
      return "kit-lif:decay=" + decay + ",detach_reset=" + detachReset + ",vth=" + vth;
    }

    @Override
    public int parameterCount() {
      return 1;
    }

    @Override
    public void initialParameters(float[] params) {
      params[0] = vth;
    }

    @Override
    public String parameterName(int i) {
      return "threshold";
    }

    @Override
    public void update(
        float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next, int nextFrom) {
      next[nextFrom] = (prevSpike ? 0f : decay * prev[prevFrom]) + current;
    }

    @Override
    public float spikeArgument(float[] params, float[] state, int from) {
      return state[from] - params[0];
    }

    @Override
    public void spikeArgumentBackward(
        float[] params, float[] state, int from, float gradZ, float[] gradState, int gradFrom, float[] gradParams) {
      gradState[gradFrom] += gradZ;
      gradParams[0] -= gradZ;
    }

    @Override
    public void updateBackward(
        float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
        int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs) {
      float g = gradNext[gradNextFrom];
      if (!prevSpike) {
        gradPrev[gradPrevFrom] += g * decay;
      }
      gradInputs[0] = g;
      gradInputs[1] = detachReset ? 0f : -decay * prev[prevFrom] * g;
    }
  }

  /** Forgets the leak in dL/du[t-1]: training would follow a gradient of another network. */
  public static final class LeakyGradientLif extends ThresholdLif {
    @Override
    NeuronModel neuron(float decay, float vth, boolean detachReset) {
      return new KitLif(decay, vth, detachReset) {
        @Override
        public void updateBackward(
            float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
            int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs) {
          super.updateBackward(params, prev, prevFrom, prevSpike, current, gradNext, gradNextFrom, gradPrev,
              gradPrevFrom, gradParams, gradInputs);
          if (!prevSpike) {
            gradPrev[gradPrevFrom] += gradNext[gradNextFrom] * (1 - decay);
          }
        }
      };
    }
  }

  /** The reset's gradient with the wrong sign. */
  public static final class WrongResetGradientLif extends ThresholdLif {
    @Override
    NeuronModel neuron(float decay, float vth, boolean detachReset) {
      return new KitLif(decay, vth, detachReset) {
        @Override
        public void updateBackward(
            float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
            int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs) {
          super.updateBackward(params, prev, prevFrom, prevSpike, current, gradNext, gradNextFrom, gradPrev,
              gradPrevFrom, gradParams, gradInputs);
          gradInputs[1] = -gradInputs[1];
        }
      };
    }
  }

  /** dz/dθ with the wrong sign: the learnable threshold would move the wrong way. */
  public static final class WrongThresholdGradientLif extends ThresholdLif {
    @Override
    NeuronModel neuron(float decay, float vth, boolean detachReset) {
      return new KitLif(decay, vth, detachReset) {
        @Override
        public void spikeArgumentBackward(
            float[] params, float[] state, int from, float gradZ, float[] gradState, int gradFrom,
            float[] gradParams) {
          gradState[gradFrom] += gradZ;
          gradParams[0] += gradZ;
        }
      };
    }
  }

  /** Overwrites dL/du[t-1] instead of adding to it, losing what other terms put there. */
  public static final class OverwritingLif extends ThresholdLif {
    @Override
    NeuronModel neuron(float decay, float vth, boolean detachReset) {
      return new KitLif(decay, vth, detachReset) {
        @Override
        public void updateBackward(
            float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
            int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs) {
          gradPrev[gradPrevFrom] = 0f;
          super.updateBackward(params, prev, prevFrom, prevSpike, current, gradNext, gradNextFrom, gradPrev,
              gradPrevFrom, gradParams, gradInputs);
        }
      };
    }
  }

  /**
   * Smooths its input with the previous call's current, kept in a field: neurons of a layer and threads sharing
   * the instance would leak into each other.
   */
  public static final class ImpureLif extends ThresholdLif {
    @Override
    NeuronModel neuron(float decay, float vth, boolean detachReset) {
      return new KitLif(decay, vth, detachReset) {
        private float lastCurrent;

        @Override
        public void update(
            float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next,
            int nextFrom) {
          super.update(params, prev, prevFrom, prevSpike, 0.5f * (current + lastCurrent), next, nextFrom);
          lastCurrent = current;
        }
      };
    }
  }

  /** A spec() that drops detach_reset, so a saved model would train on with another gradient. */
  public static final class ForgetfulSpecLif extends ThresholdLif {
    @Override
    NeuronModel neuron(float decay, float vth, boolean detachReset) {
      return new KitLif(decay, vth, detachReset) {
        @Override
        public String spec() {
          return "kit-lif:decay=" + decay + ",vth=" + vth;
        }
      };
    }
  }

  /** A box of width {@code a}, like STBP's rectangular; well-behaved. */
  public static class Box implements SurrogateFactory {
    /** For ServiceLoader. */
    public Box() {}

    @Override
    public String name() {
      return "kit-box";
    }

    @Override
    public String description() {
      return "box h(z) = 1/a for |z| < a/2";
    }

    @Override
    public Map<String, String> parameterDefaults() {
      return Map.of("a", "1");
    }

    @Override
    public SurrogateGradient create(PluginParams params) {
      double a = params.getPositive("a");
      return curve(a, (float) (a / 2), (float) (1 / a));
    }

    SurrogateGradient curve(double a, float half, float height) {
      return new SurrogateGradient() {
        @Override
        public String name() {
          return Box.this.name();
        }

        @Override
        public float derivative(float z) {
          return Math.abs(z) < half ? height : 0f;
        }

        @Override
        public String toString() {
          return name() + ":a=" + a;
        }
      };
    }
  }

  /** Negative on one side: a "gradient" that would push weights the wrong way. */
  public static final class NegativeBox extends Box {
    @Override
    SurrogateGradient curve(double a, float half, float height) {
      SurrogateGradient box = super.curve(a, half, height);
      return new Wrapped(box) {
        @Override
        public float derivative(float z) {
          return z < -0.25f ? -box.derivative(z) : box.derivative(z);
        }
      };
    }
  }

  /** A bulk method that drifts from the scalar one: the backward pass would train on other numbers. */
  public static final class SloppyBulkBox extends Box {
    @Override
    SurrogateGradient curve(double a, float half, float height) {
      SurrogateGradient box = super.curve(a, half, height);
      return new Wrapped(box) {
        @Override
        public void derivative(float[] z, int from, float[] out, int outFrom, int n) {
          for (int i = 0; i < n; i++) {
            out[outFrom + i] = box.derivative(z[from + i]) * 1.0001f;
          }
        }
      };
    }
  }

  /** Twice too tall: not a density. */
  public static final class DoubleBox extends Box {
    @Override
    SurrogateGradient curve(double a, float half, float height) {
      return super.curve(a, half, 2 * height);
    }
  }

  /** NaN far below threshold, as an unguarded formula gives. */
  public static final class NanBox extends Box {
    @Override
    SurrogateGradient curve(double a, float half, float height) {
      SurrogateGradient box = super.curve(a, half, height);
      return new Wrapped(box) {
        @Override
        public float derivative(float z) {
          return z < -1e20f ? Float.NaN : box.derivative(z);
        }
      };
    }
  }

  /** A toString() that is not a spec, so a saved model could not be evaluated. */
  public static final class OpaqueBox extends Box {
    @Override
    SurrogateGradient curve(double a, float half, float height) {
      return new Wrapped(super.curve(a, half, height)) {
        @Override
        public String toString() {
          return "Box[" + a + "]";
        }
      };
    }
  }

  /** Accepts any parameter without complaint because it overrides create(PluginSpec) carelessly. */
  public static final class LaxBox extends Box {
    @Override
    public SurrogateGradient create(org.snn4j.api.PluginSpec spec) {
      return create(PluginParams.of(name(), parameterDefaults(), Map.of()));
    }
  }

  /** Not listed in any service file, so the CLI would never find it. */
  public static final class UnregisteredBox extends Box {
    @Override
    public String name() {
      return "kit-unregistered";
    }
  }

  /** Delegates everything to another curve; subclasses break one thing. */
  abstract static class Wrapped implements SurrogateGradient {
    private final SurrogateGradient inner;

    Wrapped(SurrogateGradient inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public float derivative(float z) {
      return inner.derivative(z);
    }

    @Override
    public String toString() {
      return inner.toString();
    }
  }

  /** A threshold encoder: feature i fires at step t iff x > ((t + key) mod 4 + 0.5) / 4; well-behaved. */
  public static class Threshold implements SpikeEncoderFactory {
    /** For ServiceLoader. */
    public Threshold() {}

    @Override
    public String name() {
      return "kit-threshold";
    }

    @Override
    public String description() {
      return "fires when the intensity exceeds a cycling threshold";
    }

    @Override
    public SpikeEncoder create(PluginParams params) {
      return new SpikeEncoder() {
        @Override
        public String name() {
          return Threshold.this.name();
        }

        @Override
        public void encode(float[] x, int from, int n, int steps, long key, byte[] out, int outFrom, int stride) {
          for (int t = 0; t < steps; t++) {
            float level = (Math.floorMod(t + key, 4) + 0.5f) / 4;
            for (int i = 0; i < n; i++) {
              out[outFrom + t * stride + i] = emit(x[from + i] > level);
            }
          }
        }
      };
    }

    byte emit(boolean fire) {
      return fire ? (byte) 1 : (byte) 0;
    }
  }

  /** Writes 2 for a spike. */
  public static final class TwoThreshold extends Threshold {
    @Override
    byte emit(boolean fire) {
      return fire ? (byte) 2 : (byte) 0;
    }
  }

  /** Uses a shared random generator, so the spikes depend on what was encoded before. */
  public static final class ImpureEncoder extends Threshold {
    private final java.util.Random random = new java.util.Random(1);

    @Override
    byte emit(boolean fire) {
      return random.nextInt(3) == 0 ? (byte) 1 : (byte) 0;
    }
  }

  /**
   * A tiny text format: {@code train.txt} and {@code test.txt}, one sample per line, {@code label f1 f2 f3 f4},
   * intensities 0-255. Well-behaved.
   */
  public static class TextReader implements DatasetReader {
    /** For ServiceLoader. */
    public TextReader() {}

    @Override
    public String name() {
      return "kit-text";
    }

    @Override
    public String description() {
      return "labels and 4 intensities per line";
    }

    @Override
    public boolean isPresent(Path folder, Split split) {
      return Files.isRegularFile(file(folder, split));
    }

    static Path file(Path folder, Split split) {
      return folder.resolve(split == Split.TRAIN ? "train.txt" : "test.txt");
    }

    @Override
    public Dataset read(Path folder, Split split) throws IOException {
      Path file = file(folder, split);
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      int[] labels = new int[lines.size()];
      float[][] x = new float[lines.size()][4];
      for (int i = 0; i < lines.size(); i++) {
        String[] parts = lines.get(i).trim().split(" ");
        try {
          labels[i] = Integer.parseInt(parts[0]);
          for (int j = 0; j < 4; j++) {
            x[i][j] = Integer.parseInt(parts[j + 1]) / 255f;
          }
        } catch (RuntimeException e) {
          throw new DatasetFormatException(file.toString(), -1, "line " + (i + 1) + " is not 'label f1 f2 f3 f4'");
        }
      }
      return dataset(file, labels, x);
    }

    Dataset dataset(Path file, int[] labels, float[][] x) {
      return new Dataset() {
        @Override
        public String source() {
          return file.toString();
        }

        @Override
        public int size() {
          return labels.length;
        }

        @Override
        public int featureCount() {
          return 4;
        }

        @Override
        public int classCount() {
          return 3;
        }

        @Override
        public void features(int index, float[] dst, int offset) {
          System.arraycopy(x[index], 0, dst, offset, 4);
        }

        @Override
        public int label(int index) {
          return labels[index];
        }
      };
    }

    /** Writes both splits. */
    static void write(Path folder) throws IOException {
      Files.writeString(folder.resolve("train.txt"), "0 0 10 20 30\n1 255 0 0 0\n2 1 2 3 4\n1 9 9 9 9\n");
      Files.writeString(folder.resolve("test.txt"), "2 0 0 0 255\n0 5 5 5 5\n");
    }
  }

  /** Says class count 2 while labels go up to 2. */
  public static final class LabelOutOfRangeReader extends TextReader {
    @Override
    Dataset dataset(Path file, int[] labels, float[][] x) {
      Dataset d = super.dataset(file, labels, x);
      return new Dataset() {
        @Override
        public String source() {
          return d.source();
        }

        @Override
        public int size() {
          return d.size();
        }

        @Override
        public int featureCount() {
          return d.featureCount();
        }

        @Override
        public int classCount() {
          return 2;
        }

        @Override
        public void features(int index, float[] dst, int offset) {
          d.features(index, dst, offset);
        }

        @Override
        public int label(int index) {
          return d.label(index);
        }
      };
    }
  }

  /** Crashes with a RuntimeException when a file is missing or damaged, instead of an IOException. */
  public static final class CrashingReader extends TextReader {
    @Override
    public Dataset read(Path folder, Split split) throws IOException {
      try {
        return super.read(folder, split);
      } catch (IOException e) {
        throw new IllegalStateException("oops");
      }
    }
  }
}
