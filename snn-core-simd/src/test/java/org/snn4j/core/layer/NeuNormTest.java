package org.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.SpikeTensor;
import org.snn4j.core.Tuning;
import org.snn4j.core.parallel.WorkerPool;

/**
 * NeuNorm against a plain double-precision reference written from the formulas (channel-major indexing, so the
 * layer's pixel-major layout is checked too), a finite-difference check of its gradients, and thread-count
 * independence. Odd sizes: C=3, 5×7 pixels, T=4, B=3.
 */
class NeuNormTest {
  static final int C = 3;
  static final int H = 5;
  static final int W = 7;
  static final int P = H * W;
  static final int N = C * P;
  static final int T = 4;
  static final int B = 3;
  static final int ROWS = T * B;
  static final float K = 0.7f;

  /** Index of channel {@code c} of pixel {@code p} inside the network (pixel-major). */
  static int at(int p, int c) {
    return p * C + c;
  }

  static NeuNorm layer(long seed) {
    NeuNorm n = new NeuNorm(2, Shape.image(C, H, W), K);
    Random r = new Random(seed);
    for (int i = 0; i < n.weight().length; i++) {
      n.weight()[i] = (float) (r.nextDouble() * 2 - 1); // larger than the initialisation, to make the term matter
    }
    return n;
  }

  /** Random spikes {@code [rows][N]} at density 0.35, as 0/1 floats. */
  static float[] spikes(long seed) {
    Random r = new Random(seed);
    float[] o = new float[ROWS * N];
    for (int i = 0; i < o.length; i++) {
      o[i] = r.nextDouble() < 0.35 ? 1f : 0f;
    }
    return o;
  }

  static long[] bits(float[] o) {
    int words = SpikeBits.words(N);
    long[] bits = new long[ROWS * words];
    for (int row = 0; row < ROWS; row++) {
      for (int i = 0; i < N; i++) {
        if (o[row * N + i] != 0) {
          bits[row * words + (i >>> 6)] |= 1L << i;
        }
      }
    }
    return bits;
  }

  static float[] gradient(long seed) {
    Random r = new Random(seed);
    float[] g = new float[ROWS * N];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) r.nextGaussian();
    }
    return g;
  }

  /** The reference forward pass: {@code y [rows][N]} and {@code x [rows][P]}, in double. */
  static double[][] referenceForward(float[] w, float[] o) {
    double[] y = new double[ROWS * N];
    double[] x = new double[ROWS * P];
    double a = (1.0 - K) / (C * C);
    for (int b = 0; b < B; b++) {
      for (int py = 0; py < H; py++) {
        for (int px = 0; px < W; px++) {
          int p = py * W + px;
          double state = 0;
          for (int t = 0; t < T; t++) {
            int row = t * B + b;
            double sum = 0;
            for (int c = 0; c < C; c++) {
              sum += o[row * N + at(p, c)];
            }
            state = K * state + a * sum;
            x[row * P + p] = state;
            for (int c = 0; c < C; c++) {
              y[row * N + at(p, c)] = o[row * N + at(p, c)] - w[at(p, c)] * state;
            }
          }
        }
      }
    }
    return new double[][] {y, x};
  }

  /** The reference backward pass: {@code dL/do [rows][N]} and {@code dL/dw [N]}, in double, from the formulas. */
  static double[][] referenceBackward(float[] w, double[] x, float[] gy) {
    double[] go = new double[ROWS * N];
    double[] gw = new double[N];
    double a = (1.0 - K) / (C * C);
    for (int b = 0; b < B; b++) {
      for (int p = 0; p < P; p++) {
        double next = 0;
        for (int t = T - 1; t >= 0; t--) {
          int row = t * B + b;
          double gx = K * next;
          for (int c = 0; c < C; c++) {
            gx -= w[at(p, c)] * gy[row * N + at(p, c)];
            gw[at(p, c)] -= gy[row * N + at(p, c)] * x[row * P + p];
          }
          for (int c = 0; c < C; c++) {
            go[row * N + at(p, c)] = gy[row * N + at(p, c)] + a * gx;
          }
          next = gx;
        }
      }
    }
    return new double[][] {go, gw};
  }

  static void assertClose(double[] want, float[] got, double tolerance, String what) {
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], tolerance * Math.max(1, Math.abs(want[i])), what + " at " + i);
    }
  }

  /** Forward on {@code input}, then backward of {@code gy}; returns {y, dL/do, dL/dw} (copies). */
  static float[][] run(NeuNorm layer, Activation input, float[] gy, int threads) {
    Tape tape = layer.newTape(Tuning.system());
    tape.ensure(T, B);
    float[] gradIn = new float[ROWS * N];
    try (WorkerPool pool = new WorkerPool(threads)) {
      layer.forward(input, tape, pool);
      float[] y = tape.output().analog().clone();
      layer.backward(gy, tape, null, gradIn, pool);
      return new float[][] {y, gradIn, layer.weightGradient().clone()};
    }
  }

  @Test
  void forwardAndBackwardOfSpikesMatchTheReference() {
    NeuNorm layer = layer(1);
    float[] o = spikes(2);
    float[] gy = gradient(3);
    float[][] got = run(layer, new Activation().setBits(bits(o)), gy, 2);
    double[][] forward = referenceForward(layer.weight(), o);
    assertClose(forward[0], got[0], 1e-6, "y");
    double[][] backward = referenceBackward(layer.weight(), forward[1], gy);
    assertClose(backward[0], got[1], 1e-5, "dL/do");
    assertClose(backward[1], got[2], 1e-5, "dL/dw");
    // the term is not negligible: the output differs from the input spikes by more than rounding
    double largest = 0;
    for (int i = 0; i < o.length; i++) {
      largest = Math.max(largest, Math.abs(forward[0][i] - o[i]));
    }
    assertTrue(largest > 0.05, "largest w·x " + largest);
  }

  @Test
  void analogZeroOneInputGivesWhatSpikesGive() {
    NeuNorm layer = layer(4);
    float[] o = spikes(5);
    float[] gy = gradient(6);
    float[][] fromBits = run(layer, new Activation().setBits(bits(o)), gy, 1);
    float[][] fromAnalog = run(layer, new Activation().setAnalog(o), gy, 1);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(fromBits[i], fromAnalog[i]);
    }
  }

  /** {@code L = Σ g·y + ½ Σ y²} in double, so {@code dL/dy = g + y}. */
  static double loss(NeuNorm layer, float[] o, float[] g) {
    Tape tape = layer.newTape(Tuning.system());
    tape.ensure(T, B);
    try (WorkerPool pool = new WorkerPool(1)) {
      layer.forward(new Activation().setAnalog(o), tape, pool);
    }
    float[] y = tape.output().analog();
    double sum = 0;
    for (int i = 0; i < ROWS * N; i++) {
      sum += g[i] * (double) y[i] + 0.5 * y[i] * (double) y[i];
    }
    return sum;
  }

  @Test
  void gradientsAgreeWithFiniteDifferences() {
    NeuNorm layer = layer(7);
    float[] o = spikes(8);
    float[] g = gradient(9);
    Tape tape = layer.newTape(Tuning.system());
    tape.ensure(T, B);
    float[] gradIn = new float[ROWS * N];
    try (WorkerPool pool = new WorkerPool(2)) {
      layer.forward(new Activation().setAnalog(o), tape, pool);
      float[] y = tape.output().analog();
      float[] gy = new float[ROWS * N];
      for (int i = 0; i < gy.length; i++) {
        gy[i] = g[i] + y[i];
      }
      layer.backward(gy, tape, null, gradIn, pool);
    }
    float h = 1e-2f;
    Random pick = new Random(10);
    for (int trial = 0; trial < 40; trial++) {
      int i = pick.nextInt(N);
      float keep = layer.weight()[i];
      layer.weight()[i] = keep + h;
      double plus = loss(layer, o, g);
      layer.weight()[i] = keep - h;
      double minus = loss(layer, o, g);
      layer.weight()[i] = keep;
      double fd = (plus - minus) / (2 * h);
      assertEquals(fd, layer.weightGradient()[i], 2e-3 * Math.max(1, Math.abs(fd)), "dL/dw at " + i);
    }
    for (int trial = 0; trial < 40; trial++) {
      int i = pick.nextInt(ROWS * N);
      float keep = o[i];
      o[i] = keep + h;
      double plus = loss(layer, o, g);
      o[i] = keep - h;
      double minus = loss(layer, o, g);
      o[i] = keep;
      double fd = (plus - minus) / (2 * h);
      assertEquals(fd, gradIn[i], 2e-3 * Math.max(1, Math.abs(fd)), "dL/do at row " + i / N + ", element " + i % N);
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    NeuNorm layer = layer(11);
    float[] o = spikes(12);
    float[] gy = gradient(13);
    float[][] one = run(layer, new Activation().setBits(bits(o)), gy, 1);
    for (int threads : new int[] {2, 3}) {
      float[][] many = run(layer, new Activation().setBits(bits(o)), gy, threads);
      assertArrayEquals(one[0], many[0], "y at " + threads + " threads");
      assertArrayEquals(one[1], many[1], "dL/do at " + threads + " threads");
      assertArrayEquals(one[2], many[2], "dL/dw at " + threads + " threads");
    }
  }

  @Test
  void theStateStartsFromRestAtEveryBatchAndTheGradientIsNotSummedAcrossBatches() {
    NeuNorm layer = layer(14);
    float[] o = spikes(15);
    float[] gy = gradient(16);
    Tape tape = layer.newTape(Tuning.system());
    tape.ensure(T, B);
    float[] gradIn = new float[ROWS * N];
    try (WorkerPool pool = new WorkerPool(2)) {
      for (int pass = 0; pass < 2; pass++) {
        layer.forward(new Activation().setBits(bits(o)), tape, pool);
        layer.backward(gy, tape, null, gradIn, pool);
      }
    }
    float[][] fresh = run(layer, new Activation().setBits(bits(o)), gy, 2);
    assertArrayEquals(fresh[0], tape.output().analog());
    assertArrayEquals(fresh[1], gradIn);
    assertArrayEquals(fresh[2], layer.weightGradient());
  }

  @Test
  void itsWeightIsOneNamedParameterAndCopiesOwnTheirs() {
    NeuNorm layer = layer(17);
    assertEquals(1, layer.parameters().size());
    assertEquals("layer2.neunorm_weight", layer.parameters().get(0).name());
    assertEquals(N, layer.parameters().get(0).size());
    assertEquals(1, layer.storedArrays().size(), "the model file stores w");
    assertEquals((float) (1 / Math.sqrt(35)), layer.initBound());
    assertEquals(Shape.image(C, H, W), layer.outputShape());
    NeuNorm copy = layer.copy();
    assertNotSame(layer.weight(), copy.weight());
    assertArrayEquals(layer.weight(), copy.weight());
    assertEquals(K, copy.k());
    copy.weight()[0] += 1;
    assertTrue(copy.weight()[0] != layer.weight()[0]);
    assertThrows(IllegalArgumentException.class, () -> new NeuNorm(0, Shape.vector(12), 0.9f));
    assertThrows(IllegalArgumentException.class, () -> new NeuNorm(0, Shape.image(2, 2, 2), 1f));
    assertThrows(IllegalArgumentException.class, () -> new NeuNorm(0, Shape.image(2, 2, 2), -0.1f));
    assertThrows(IllegalStateException.class, () -> layer.forward(new SpikeTensor(T, B, N)));
  }

  @Test
  void countsTheBitsOfAnyRange() {
    Random r = new Random(18);
    long[] bits = {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()};
    for (int from = 0; from < 200; from += 7) {
      for (int length = 1; from + length <= 256 && length < 140; length += 5) {
        int want = 0;
        for (int i = from; i < from + length; i++) {
          want += SpikeBits.get(bits, 0, i) ? 1 : 0;
        }
        assertEquals(want, NeuNorm.countBits(bits, 0, from, length), from + "+" + length);
      }
    }
  }
}
