package org.snn4j.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** tdBN alone: its gradients against finite differences, its running statistics, inference from them. */
class TdBatchNormTest {
  private static final int PIXELS = 3;
  private static final int CHANNELS = 2;
  private static final int N = PIXELS * CHANNELS;
  private static final int ROWS = 5;

  private static float[] randomInput(long seed, int length) {
    Random r = new Random(seed);
    float[] x = new float[length];
    for (int i = 0; i < length; i++) {
      // channel 1 sits far from 0 with a wide spread, so that a mean or scale mixed up between channels shows
      x[i] = (float) (i % CHANNELS == 0 ? r.nextGaussian() + 0.3 : 3 * r.nextGaussian() - 4);
    }
    return x;
  }

  /** L = Σ w·y over a training forward pass of {@code x}, in double. */
  private static double loss(TdBatchNorm norm, TdBatchNorm.Scratch s, float[] x, float[] w) {
    System.arraycopy(x, 0, s.normalized(), 0, x.length);
    float[] y = new float[x.length];
    norm.forward(s, y, ROWS, true);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += (double) w[i] * y[i];
    }
    return sum;
  }

  private static void assertClose(double want, double got, String what) {
    assertTrue(Math.abs(want - got) <= 2e-3 * Math.max(1, Math.abs(want)), what + ": finite difference " + want
        + ", backward " + got);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    TdBatchNorm norm = new TdBatchNorm(N, CHANNELS, 1, 1);
    norm.gamma()[0] = 0.7f;
    norm.gamma()[1] = -1.3f;
    norm.beta()[0] = 0.2f;
    norm.beta()[1] = -0.4f;
    TdBatchNorm.Scratch s = norm.newScratch();
    s.ensure(ROWS);
    float[] x = randomInput(3, ROWS * N);
    float[] w = randomInput(4, ROWS * N);
    loss(norm, s, x, w);
    float[] grad = w.clone();
    norm.backward(grad, s, ROWS);
    float[] gammaGrad = norm.parameters("l.").get(0).gradient().clone();
    float[] betaGrad = norm.parameters("l.").get(1).gradient().clone();
    float eps = 1e-2f;
    boolean nonZero = false;
    for (int i = 0; i < x.length; i++) {
      float[] plus = x.clone();
      float[] minus = x.clone();
      plus[i] += eps;
      minus[i] -= eps;
      double fd = (loss(norm, s, plus, w) - loss(norm, s, minus, w)) / (plus[i] - minus[i]);
      assertClose(fd, grad[i], "dL/dI[" + i + "]");
      nonZero |= Math.abs(grad[i]) > 1e-2;
    }
    assertTrue(nonZero, "the input gradient is not all zero");
    for (int c = 0; c < CHANNELS; c++) {
      for (float[] p : new float[][] {norm.gamma(), norm.beta()}) {
        float keep = p[c];
        p[c] = keep + eps;
        double up = loss(norm, s, x, w);
        p[c] = keep - eps;
        double down = loss(norm, s, x, w);
        p[c] = keep;
        double fd = (up - down) / (2 * eps);
        assertClose(fd, p == norm.gamma() ? gammaGrad[c] : betaGrad[c], (p == norm.gamma() ? "dL/dγ" : "dL/dβ") + c);
      }
    }
  }

  @Test
  void eachChannelIsNormalizedOverRowsAndPixels() {
    TdBatchNorm norm = new TdBatchNorm(N, CHANNELS, 0.5, 0.4);
    assertEquals(0.2f, norm.gamma()[1], "γ starts at alpha·vth");
    assertEquals(0f, norm.beta()[0]);
    TdBatchNorm.Scratch s = norm.newScratch();
    s.ensure(ROWS);
    float[] x = randomInput(5, ROWS * N);
    System.arraycopy(x, 0, s.normalized(), 0, x.length);
    float[] y = new float[x.length];
    norm.forward(s, y, ROWS, true);
    for (int c = 0; c < CHANNELS; c++) {
      double sum = 0;
      double sq = 0;
      for (int i = c; i < x.length; i += CHANNELS) {
        sum += y[i];
        sq += (double) y[i] * y[i];
      }
      int m = ROWS * PIXELS;
      assertEquals(0, sum / m, 1e-6, "channel " + c + "'s mean");
      assertEquals(0.04, sq / m, 1e-5, "channel " + c + "'s variance is γ²");
    }
  }

  @Test
  void runningStatisticsFollowTheMomentumAndInferenceUsesThem() {
    TdBatchNorm norm = new TdBatchNorm(N, CHANNELS, 1, 1);
    TdBatchNorm.Scratch s = norm.newScratch();
    s.ensure(ROWS);
    double[] mean = {0, 0};
    double[] var = {1, 1};
    int m = ROWS * PIXELS;
    float[] y = new float[ROWS * N];
    for (int pass = 0; pass < 3; pass++) {
      float[] x = randomInput(10 + pass, ROWS * N);
      for (int c = 0; c < CHANNELS; c++) {
        double sum = 0;
        for (int i = c; i < x.length; i += CHANNELS) {
          sum += x[i];
        }
        double mu = sum / m;
        double sq = 0;
        for (int i = c; i < x.length; i += CHANNELS) {
          sq += (x[i] - mu) * (x[i] - mu);
        }
        mean[c] = 0.9 * mean[c] + 0.1 * mu;
        var[c] = 0.9 * var[c] + 0.1 * sq / (m - 1);
      }
      System.arraycopy(x, 0, s.normalized(), 0, x.length);
      norm.forward(s, y, ROWS, true);
      for (int c = 0; c < CHANNELS; c++) {
        assertEquals(mean[c], norm.runningMean()[c], 1e-6 * Math.max(1, Math.abs(mean[c])), "running mean " + c);
        assertEquals(var[c], norm.runningVar()[c], 1e-6 * var[c], "running variance (unbiased) " + c);
      }
    }
    norm.gamma()[0] = 2f;
    norm.beta()[1] = 0.5f;
    float[] keepMean = norm.runningMean().clone();
    float[] keepVar = norm.runningVar().clone();
    float[] x = randomInput(20, 2 * N);
    System.arraycopy(x, 0, s.normalized(), 0, x.length);
    norm.forward(s, y, 2, false);
    assertArrayEquals(keepMean, norm.runningMean(), "inference leaves the running mean");
    assertArrayEquals(keepVar, norm.runningVar(), "inference leaves the running variance");
    for (int i = 0; i < x.length; i++) {
      int c = i % CHANNELS;
      double want = norm.gamma()[c] * (x[i] - keepMean[c]) / Math.sqrt(keepVar[c] + 1e-5) + norm.beta()[c];
      assertEquals(want, y[i], 1e-5 * Math.max(1, Math.abs(want)), "inference output " + i);
    }
  }

  @Test
  void aCopyKeepsTheStatisticsAndOwnsThem() {
    TdBatchNorm norm = new TdBatchNorm(N, CHANNELS, 1, 1);
    TdBatchNorm.Scratch s = norm.newScratch();
    s.ensure(ROWS);
    System.arraycopy(randomInput(1, ROWS * N), 0, s.normalized(), 0, ROWS * N);
    norm.forward(s, new float[ROWS * N], ROWS, true);
    TdBatchNorm copy = norm.copy();
    assertArrayEquals(norm.runningMean(), copy.runningMean());
    assertArrayEquals(norm.runningVar(), copy.runningVar());
    copy.runningMean()[0] = 42f;
    copy.gamma()[0] = 42f;
    assertTrue(norm.runningMean()[0] != 42f && norm.gamma()[0] != 42f);
  }
}
