package org.snn4j.core.conv;

import org.snn4j.core.layer.PixelLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.core.kernel.KernelSelection;
import org.snn4j.core.kernel.Kernels;

/**
 * {@link ConvRows} against the plain double-precision convolution in PyTorch's layouts ({@link ConvReference}), and
 * its Vector API run against its scalar run bit for bit, at channel counts and image sizes around the lane counts.
 * Surefire also runs this class with {@code -Dsnn.simd.bits=128} and {@code 256}.
 */
class ConvRowsTest {
  private static final Kernels SCALAR = KernelSelection.scalar();
  private static Kernels vector;

  @BeforeAll
  static void requireVectorTwin() {
    vector = KernelSelection.vector();
    assertTrue(vector.describe().startsWith("vector-"), vector.describe());
  }

  static Stream<ConvGeometry> geometries() {
    return Stream.of(
        new ConvGeometry(1, 6, 6, 2, 3, 1, 1),
        new ConvGeometry(3, 7, 9, 5, 3, 2, 1),
        new ConvGeometry(2, 8, 5, 17, 5, 1, 2),
        new ConvGeometry(4, 5, 5, 33, 3, 3, 0),
        new ConvGeometry(65, 4, 3, 3, 3, 1, 1),
        new ConvGeometry(7, 9, 9, 64, 3, 2, 0),
        new ConvGeometry(32, 14, 14, 32, 3, 1, 1));
  }

  private static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    double tol = 1e-5 * Math.max(1, ConvReference.maxAbs(expected));
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol, what + " at " + i);
    }
  }

  private static float[] channelMajor(int c, int h, int w, float[] pixelMajor) {
    float[] out = new float[pixelMajor.length];
    new PixelLayout(c, h, w).toChannelMajor(pixelMajor, 0, out, 0);
    return out;
  }

  private static double[] pixelMajor(int c, int h, int w, double[] channelMajor) {
    float[] f = new float[channelMajor.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) channelMajor[i];
    }
    float[] out = new float[f.length];
    new PixelLayout(c, h, w).toPixelMajor(f, 0, out, 0);
    double[] d = new double[f.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = out[i];
    }
    return d;
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void forwardOfSpikesIsTheConvolution(ConvGeometry g) {
    Random r = new Random(g.hashCode());
    float[] torchW = ConvReference.floats(r, g.weightSize(), 0.5f, 0);
    float[] bias = ConvReference.floats(r, g.outChannels(), 0.5f, 0);
    float[] w = g.toPixelMajorWeights(torchW);
    for (double density : new double[] {0.05, 0.3, 1.0}) {
      double[] x = ConvReference.spikes(r, g.inputSize(), density);
      double[] expected = ConvReference.forward(g, x, torchW, bias);
      long[] bits = ConvReference.bits(pixelMajor(g.channels(), g.height(), g.width(), x));
      // the row sits at an offset in both arrays, as rows of a batch do
      long[] shifted = new long[bits.length + 3];
      System.arraycopy(bits, 0, shifted, 3, bits.length);
      float[] scalarOut = new float[g.outputSize() + 5];
      float[] vectorOut = new float[g.outputSize() + 5];
      new ConvRows(g, SCALAR).forwardSpikes(shifted, 3, w, bias, scalarOut, 5, new ConvRows.Lists(g));
      new ConvRows(g, vector).forwardSpikes(shifted, 3, w, bias, vectorOut, 5, new ConvRows.Lists(g));
      assertArrayEquals(scalarOut, vectorOut, g + " density " + density);
      float[] out = java.util.Arrays.copyOfRange(scalarOut, 5, scalarOut.length);
      assertClose(expected, channelMajor(g.outChannels(), g.outHeight(), g.outWidth(), out), g + " " + density);
    }
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void forwardOfAnalogInputIsTheConvolution(ConvGeometry g) {
    Random r = new Random(g.hashCode() + 1);
    float[] torchW = ConvReference.floats(r, g.weightSize(), 0.5f, 0);
    float[] bias = ConvReference.floats(r, g.outChannels(), 0.5f, 0);
    float[] w = g.toPixelMajorWeights(torchW);
    float[] xf = ConvReference.floats(r, g.inputSize(), 1f, 0.7);
    double[] x = new double[xf.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = xf[i];
    }
    double[] expected = ConvReference.forward(g, x, torchW, bias);
    float[] xp = new float[xf.length + 2];
    new PixelLayout(g.channels(), g.height(), g.width()).toPixelMajor(xf, 0, xp, 2);
    float[] scalarOut = new float[g.outputSize()];
    float[] vectorOut = new float[g.outputSize()];
    new ConvRows(g, SCALAR).forwardAnalog(xp, 2, w, bias, scalarOut, 0, new ConvRows.Lists(g));
    new ConvRows(g, vector).forwardAnalog(xp, 2, w, bias, vectorOut, 0, new ConvRows.Lists(g));
    assertArrayEquals(scalarOut, vectorOut, g.toString());
    assertClose(expected, channelMajor(g.outChannels(), g.outHeight(), g.outWidth(), scalarOut), g.toString());
    float[] scalarDense = new float[g.outputSize()];
    float[] vectorDense = new float[g.outputSize()];
    new ConvRows(g, SCALAR).forwardDense(xp, 2, w, bias, scalarDense, 0);
    new ConvRows(g, vector).forwardDense(xp, 2, w, bias, vectorDense, 0);
    assertArrayEquals(scalarDense, vectorDense, "dense path " + g);
    assertClose(expected, channelMajor(g.outChannels(), g.outHeight(), g.outWidth(), scalarDense), "dense " + g);
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void inputGradientIsTheTransposedConvolution(ConvGeometry g) {
    Random r = new Random(g.hashCode() + 2);
    float[] torchW = ConvReference.floats(r, g.weightSize(), 0.5f, 0);
    float[] w = g.toPixelMajorWeights(torchW);
    float[] grad = ConvReference.floats(r, g.outputSize(), 1f, 0.6); // channel-major
    double[] expected = ConvReference.inputGradient(g, grad, torchW);
    float[] gp = new float[grad.length];
    new PixelLayout(g.outChannels(), g.outHeight(), g.outWidth()).toPixelMajor(grad, 0, gp, 0);
    float[] wT = new float[w.length];
    ConvRows rows = new ConvRows(g, SCALAR);
    rows.transpose(w, wT);
    float[] scalarDx = new float[g.inputSize()];
    float[] vectorDx = new float[g.inputSize()];
    java.util.Arrays.fill(vectorDx, Float.NaN); // every element must be written
    rows.inputGradient(gp, 0, wT, scalarDx, 0, new ConvRows.Lists(g));
    new ConvRows(g, vector).inputGradient(gp, 0, wT, vectorDx, 0, new ConvRows.Lists(g));
    assertArrayEquals(scalarDx, vectorDx, g.toString());
    assertClose(expected, channelMajor(g.channels(), g.height(), g.width(), scalarDx), g.toString());
    // the dense path: the same gradient to rounding, the same bits in both twins, every element written, at an offset
    float[] gShifted = new float[gp.length + 3];
    System.arraycopy(gp, 0, gShifted, 3, gp.length);
    float[] scalarDense = new float[g.inputSize() + 2];
    float[] vectorDense = new float[g.inputSize() + 2];
    java.util.Arrays.fill(scalarDense, Float.NaN);
    java.util.Arrays.fill(vectorDense, Float.NaN);
    rows.inputGradientDense(gShifted, 3, wT, scalarDense, 2);
    new ConvRows(g, vector).inputGradientDense(gShifted, 3, wT, vectorDense, 2);
    assertArrayEquals(scalarDense, vectorDense, "dense path " + g);
    assertTrue(Float.isNaN(scalarDense[0]) && Float.isNaN(scalarDense[1]), "nothing written before dxFrom");
    float[] dense = java.util.Arrays.copyOfRange(scalarDense, 2, scalarDense.length);
    assertClose(expected, channelMajor(g.channels(), g.height(), g.width(), dense), "dense " + g);
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void weightGradientSumsOverRowsAndPixels(ConvGeometry g) {
    Random r = new Random(g.hashCode() + 3);
    int rows = 3;
    double[][] x = new double[rows][];
    double[][] xa = new double[rows][];
    float[][] grad = new float[rows][];
    int words = (g.inputSize() + 63) / 64;
    long[] bits = new long[rows * words];
    float[] analog = new float[rows * g.inputSize()];
    float[] gp = new float[rows * g.outputSize()];
    PixelLayout in = new PixelLayout(g.channels(), g.height(), g.width());
    PixelLayout out = new PixelLayout(g.outChannels(), g.outHeight(), g.outWidth());
    for (int q = 0; q < rows; q++) {
      x[q] = ConvReference.spikes(r, g.inputSize(), 0.2);
      long[] b = ConvReference.bits(pixelMajor(g.channels(), g.height(), g.width(), x[q]));
      System.arraycopy(b, 0, bits, q * words, words);
      float[] af = ConvReference.floats(r, g.inputSize(), 1f, 0.5);
      xa[q] = new double[af.length];
      for (int i = 0; i < af.length; i++) {
        xa[q][i] = af[i];
      }
      in.toPixelMajor(af, 0, analog, q * g.inputSize());
      grad[q] = ConvReference.floats(r, g.outputSize(), 1f, 0.3);
      out.toPixelMajor(grad[q], 0, gp, q * g.outputSize());
    }
    double[] expectedSpikes = ConvReference.weightGradient(g, x, grad);
    double[] expectedAnalog = ConvReference.weightGradient(g, xa, grad);
    for (boolean spikes : new boolean[] {true, false}) {
      float[][] results = new float[2][];
      int twin = 0;
      for (Kernels k : new Kernels[] {SCALAR, vector}) {
        ConvRows conv = new ConvRows(g, k);
        float[] dW = new float[g.weightSize()];
        java.util.Arrays.fill(dW, Float.NaN); // each tap overwrites its slice
        ConvRows.WeightLists lists = new ConvRows.WeightLists(g);
        ConvRows.InputEvents events = new ConvRows.InputEvents(g);
        if (spikes) {
          conv.collectSpikes(bits, words, rows, null, 1, events);
        } else {
          conv.collectAnalog(analog, rows, null, 1, events);
        }
        // channels in two parts, the second first: each owns its part of dW, so the split must not matter
        int half = g.channels() / 2;
        conv.weightGradient(events, half, g.channels(), rows, gp, dW, lists);
        conv.weightGradient(events, 0, half, rows, gp, dW, lists);
        results[twin++] = dW;
      }
      assertArrayEquals(results[0], results[1], g + " spikes " + spikes);
      assertClose(spikes ? expectedSpikes : expectedAnalog, g.toTorchWeights(results[0]), g + " spikes " + spikes);
    }
    // the dense path of analog input: rows added in order into one accumulator, the same bits in both twins
    float[][] dense = new float[2][];
    int twin = 0;
    for (Kernels k : new Kernels[] {SCALAR, vector}) {
      ConvRows conv = new ConvRows(g, k);
      float[] acc = new float[g.weightSize()];
      ConvRows.Columns scratch = new ConvRows.Columns(g);
      java.util.Arrays.fill(scratch.columns, Float.NaN); // stale scratch must not leak into the result
      for (int q = 0; q < rows; q++) {
        conv.weightGradientDense(analog, q * g.inputSize(), gp, q * g.outputSize(), acc, scratch);
      }
      float[] dW = new float[acc.length];
      conv.untransposeWeights(acc, dW);
      dense[twin++] = dW;
    }
    assertArrayEquals(dense[0], dense[1], g + " dense");
    assertClose(expectedAnalog, g.toTorchWeights(dense[0]), g + " dense");
  }

  @Test
  void biasGradientSumsEveryPixelOfEveryRow() {
    ConvGeometry g = new ConvGeometry(2, 5, 4, 3, 3, 1, 0);
    Random r = new Random(9);
    float[] grad = ConvReference.floats(r, 4 * g.outputSize(), 1f, 0.2);
    float[] db = new float[3];
    new ConvRows(g, SCALAR).addBiasGradient(grad, 1, 4, 0, 3, db);
    for (int o = 0; o < 3; o++) {
      double s = 0;
      for (int q = 1; q < 4; q++) {
        for (int p = 0; p < g.outPixels(); p++) {
          s += grad[(q * g.outPixels() + p) * 3 + o];
        }
      }
      assertEquals(s, db[o], 1e-5);
    }
  }

  @Test
  void bitsStraddlingWordsAreRead() {
    long[] x = {0x8000_0000_0000_0000L, 0x5L};
    assertEquals(0b1011L, ConvRows.bitsAt(x, 0, 63, 4));
    assertEquals(0b0101L, ConvRows.bitsAt(x, 0, 64, 4));
    assertEquals(1L, ConvRows.bitsAt(x, 0, 63, 1));
  }

  @Test
  void weightLayoutsRoundTrip() {
    ConvGeometry g = new ConvGeometry(3, 5, 5, 4, 3, 1, 1);
    float[] t = ConvReference.floats(new Random(1), g.weightSize(), 1f, 0);
    assertArrayEquals(t, g.toTorchWeights(g.toPixelMajorWeights(t)));
  }
}
