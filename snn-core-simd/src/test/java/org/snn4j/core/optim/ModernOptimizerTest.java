package org.snn4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.api.Parameter;

/** AdamW and SGD with Nesterov momentum against PyTorch's update equations computed in double. */
class ModernOptimizerTest {
  private static final int N = 37;
  private static final int STEPS = 12;

  /** Gradients of step {@code t}: a fixed pseudo-random sequence. */
  private static double[][] gradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] g = new double[STEPS][N];
    for (double[] row : g) {
      for (int i = 0; i < N; i++) {
        row[i] = (float) (r.nextDouble() * 2 - 1);
      }
    }
    return g;
  }

  private static double[] start() {
    SplittableRandom r = new SplittableRandom(7);
    double[] w = new double[N];
    for (int i = 0; i < N; i++) {
      w[i] = (float) (r.nextDouble() - 0.5);
    }
    return w;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static void assertClose(double[] expected, float[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 2e-6 * Math.max(1, Math.abs(expected[i])), "weight " + i);
    }
  }

  @Test
  void adamWMatchesTorchAdamW() {
    double lr = 0.01;
    double wd = 0.1;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double[][] g = gradients(1);
    double[] w = start();
    double[] m = new double[N];
    double[] v = new double[N];
    Parameter p = new Parameter("w", toFloat(w), new float[N]);
    Adam adamW = Adam.adamW((float) lr, (float) wd);
    for (int t = 1; t <= STEPS; t++) {
      System.arraycopy(toFloat(g[t - 1]), 0, p.gradient(), 0, N);
      adamW.step(List.of(p));
      // torch.optim.AdamW: p *= 1 - lr·wd; m, v; p -= lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps)
      for (int i = 0; i < N; i++) {
        w[i] *= 1 - lr * wd;
        m[i] = b1 * m[i] + (1 - b1) * g[t - 1][i];
        v[i] = b2 * v[i] + (1 - b2) * g[t - 1][i] * g[t - 1][i];
        double bc1 = 1 - Math.pow(b1, t);
        double bc2 = 1 - Math.pow(b2, t);
        w[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + eps);
      }
    }
    assertClose(w, p.value());
    assertEquals("adamw", adamW.name());
  }

  @Test
  void adamWWithoutGradientOnlyDecays() {
    Parameter p = new Parameter("w", new float[] {2f, -4f}, new float[2]);
    Adam.adamW(0.1f, 0.5f).step(List.of(p));
    assertArrayEquals(new float[] {2f * 0.95f, -4f * 0.95f}, p.value());
  }

  @Test
  void nesterovMatchesTorchSgdWithNesterovAndWeightDecay() {
    double lr = 0.05;
    double mu = 0.9;
    double wd = 1e-3;
    double[][] g = gradients(2);
    double[] w = start();
    double[] buf = new double[N];
    Parameter p = new Parameter("w", toFloat(w), new float[N]);
    Sgd sgd = new Sgd((float) lr, (float) mu, true, (float) wd);
    for (int t = 1; t <= STEPS; t++) {
      System.arraycopy(toFloat(g[t - 1]), 0, p.gradient(), 0, N);
      sgd.step(List.of(p));
      // torch.optim.SGD(nesterov=True): d = g + wd·p; buf = d (first) or mu·buf + d; p -= lr·(d + mu·buf)
      for (int i = 0; i < N; i++) {
        double d = g[t - 1][i] + wd * w[i];
        buf[i] = t == 1 ? d : mu * buf[i] + d;
        w[i] -= lr * (d + mu * buf[i]);
      }
    }
    assertClose(w, p.value());
    assertArrayEquals(toFloat(g[STEPS - 1]), p.gradient(), "the gradient is read, not changed");
  }

  @Test
  void sgdWithoutDecayOrNesterovKeepsItsBits() {
    Parameter a = new Parameter("w", new float[] {0.3f, -0.7f}, new float[] {0.11f, -0.9f});
    Parameter b = new Parameter("w", new float[] {0.3f, -0.7f}, new float[] {0.11f, -0.9f});
    Sgd plain = new Sgd(0.1f, 0.9f);
    Sgd explicit = new Sgd(0.1f, 0.9f, false, 0f);
    float[] buf = {0.11f, -0.9f};
    float[] w = {0.3f, -0.7f};
    for (int t = 0; t < 3; t++) {
      plain.step(List.of(a));
      explicit.step(List.of(b));
      for (int i = 0; i < 2; i++) {
        buf[i] = t == 0 ? a.gradient()[i] : 0.9f * buf[i] + a.gradient()[i];
        w[i] -= 0.1f * buf[i];
      }
    }
    assertArrayEquals(w, a.value());
    assertArrayEquals(w, b.value());
  }

  @Test
  void restoredAdamWAndNesterovStepAsTheOriginals() {
    for (int kind = 0; kind < 2; kind++) {
      CheckpointableOptimizer original = (CheckpointableOptimizer) Optimizers.byName(kind == 0 ? "adamw" : "nesterov",
          0.02f, 0.05f);
      CheckpointableOptimizer fresh = (CheckpointableOptimizer) Optimizers.byName(kind == 0 ? "adamw" : "nesterov",
          0.02f, 0.05f);
      Parameter p = new Parameter("w", new float[] {0.5f, -0.25f, 1f}, new float[] {0.3f, -0.1f, 0.7f});
      original.step(List.of(p));
      original.step(List.of(p));
      Parameter q = new Parameter("w", p.value().clone(), p.gradient().clone());
      float[][] state = original.state(p);
      fresh.restore(original.steps(), List.of(q), List.<float[][]>of(state));
      original.step(List.of(p));
      fresh.step(List.of(q));
      assertArrayEquals(p.value(), q.value(), original.name());
    }
  }

  @Test
  void namesAndBadWeightDecays() {
    assertEquals("adamw", Optimizers.byName("AdamW", 1e-3f).name());
    assertEquals(Optimizers.ADAMW_DEFAULT_WEIGHT_DECAY, ((Adam) Optimizers.byName("adamw", 1e-3f)).weightDecay());
    assertEquals("nesterov", Optimizers.byName("nesterov", 1e-3f).name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Optimizers.byName("adam", 1e-3f, 0.1f));
    assertTrue(e.getMessage().contains("use adamw"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("sgd", 1e-3f, -1f));
    assertTrue(e.getMessage().contains("weight decay must be >= 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("lion", 1e-3f));
    assertTrue(e.getMessage().contains("adam, sgd, adamw, nesterov"), e.getMessage());
  }
}
