package org.snn4j.core.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snn4j.api.NeuronModel;

/**
 * The neuron contract, checked numerically: each backward method against central finite differences of its forward
 * method, and {@code dL/do[t-1]} against the difference between a previous spike and none (the update is affine in
 * the previous spike for every STBP-style neuron). Extend it for a neuron; it is the template of the neuron
 * contract in snn-testkit.
 */
public abstract class NeuronContractCase {
  /** The neuron under test. */
  protected abstract NeuronModel neuron();

  /** Whether the neuron's reset gradient is detached (then dL/do[t-1] through the membrane is 0 by design). */
  protected boolean resetDetached() {
    return false;
  }

  private static final double EPS = 1e-3;

  private float[] params(Random r) {
    float[] p = new float[neuron().parameterCount()];
    neuron().initialParameters(p);
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (r.nextGaussian() * 0.1);
    }
    return p;
  }

  private static float[] randomState(Random r, int k) {
    float[] s = new float[k];
    for (int i = 0; i < k; i++) {
      s[i] = (float) (r.nextGaussian() * 0.5);
    }
    return s;
  }

  private double weightedUpdate(float[] p, float[] prev, boolean spike, float current, float[] g) {
    int k = neuron().stateSize();
    float[] next = new float[k];
    neuron().update(p, prev, 0, spike, current, next, 0);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += (double) g[j] * next[j];
    }
    return sum;
  }

  @Test
  void updateBackwardMatchesFiniteDifferences() {
    Random r = new Random(1);
    int k = neuron().stateSize();
    for (int trial = 0; trial < 50; trial++) {
      float[] p = params(r);
      float[] prev = randomState(r, k);
      boolean spike = r.nextBoolean();
      float current = (float) r.nextGaussian();
      float[] g = randomState(r, k);
      float[] gradPrev = new float[k];
      float[] gradParams = new float[p.length];
      float[] inputs = new float[2];
      neuron().updateBackward(p, prev, 0, spike, current, g, 0, gradPrev, 0, gradParams, inputs);
      for (int i = 0; i < k; i++) {
        float[] plus = prev.clone();
        float[] minus = prev.clone();
        plus[i] += (float) EPS;
        minus[i] -= (float) EPS;
        double fd = (weightedUpdate(p, plus, spike, current, g) - weightedUpdate(p, minus, spike, current, g)) / (2 * EPS);
        assertEquals(fd, gradPrev[i], 1e-2 * (1 + Math.abs(fd)), "dL/ds[t-1][" + i + "]");
      }
      double fdI = (weightedUpdate(p, prev, spike, (float) (current + EPS), g)
          - weightedUpdate(p, prev, spike, (float) (current - EPS), g)) / (2 * EPS);
      assertEquals(fdI, inputs[0], 1e-2 * (1 + Math.abs(fdI)), "dL/dI");
      for (int q = 0; q < p.length; q++) {
        float[] plus = p.clone();
        float[] minus = p.clone();
        plus[q] += (float) EPS;
        minus[q] -= (float) EPS;
        double fd = (weightedUpdate(plus, prev, spike, current, g) - weightedUpdate(minus, prev, spike, current, g))
            / (2 * EPS);
        assertEquals(fd, gradParams[q], 1e-2 * (1 + Math.abs(fd)), "dL/dθ[" + q + "]");
      }
      if (!resetDetached()) {
        double diff = weightedUpdate(p, prev, true, current, g) - weightedUpdate(p, prev, false, current, g);
        assertEquals(diff, inputs[1], 1e-4 * (1 + Math.abs(diff)), "dL/do[t-1]");
      }
    }
  }

  @Test
  void spikeArgumentBackwardMatchesFiniteDifferences() {
    Random r = new Random(2);
    int k = neuron().stateSize();
    for (int trial = 0; trial < 50; trial++) {
      float[] p = params(r);
      float[] s = randomState(r, k);
      float gradZ = (float) r.nextGaussian();
      float[] gs = new float[k];
      float[] gp = new float[p.length];
      neuron().spikeArgumentBackward(p, s, 0, gradZ, gs, 0, gp);
      for (int i = 0; i < k; i++) {
        float[] plus = s.clone();
        float[] minus = s.clone();
        plus[i] += (float) EPS;
        minus[i] -= (float) EPS;
        double fd = gradZ * (neuron().spikeArgument(p, plus, 0) - neuron().spikeArgument(p, minus, 0)) / (2 * EPS);
        assertEquals(fd, gs[i], 1e-2 * (1 + Math.abs(fd)), "dz/ds[" + i + "]");
      }
      for (int q = 0; q < p.length; q++) {
        float[] plus = p.clone();
        float[] minus = p.clone();
        plus[q] += (float) EPS;
        minus[q] -= (float) EPS;
        double fd = gradZ * (neuron().spikeArgument(plus, s, 0) - neuron().spikeArgument(minus, s, 0)) / (2 * EPS);
        assertEquals(fd, gp[q], 1e-2 * (1 + Math.abs(fd)), "dz/dθ[" + q + "]");
      }
    }
  }

  @Test
  void restingNeuronWithoutInputStaysSilentAndStrongInputFires() {
    int k = neuron().stateSize();
    float[] p = new float[neuron().parameterCount()];
    neuron().initialParameters(p);
    float[] s = new float[k];
    float[] next = new float[k];
    neuron().update(p, s, 0, false, 0f, next, 0);
    assertTrue(neuron().spikeArgument(p, next, 0) <= 0, "no input, no spike");
    neuron().update(p, s, 0, false, 100f, next, 0);
    assertTrue(neuron().spikeArgument(p, next, 0) > 0, "a large current fires");
    float[] again = new float[k];
    neuron().update(p, s, 0, false, 100f, again, 0);
    assertEquals(java.util.Arrays.toString(next), java.util.Arrays.toString(again), "update is a pure function");
  }
}
