package org.snn4j.testkit;

import java.util.Arrays;
import java.util.Random;
import org.snn4j.api.NeuronModel;

/**
 * The arguments of one time step of a neuron, {@code s[t] = update(θ, s[t-1], o[t-1], I[t])}, as training meets
 * them: {@code θ} near the neuron's initial parameters and {@code s[t-1]} a state reached from rest by a few random
 * currents.
 *
 * @param params the learnable parameters {@code θ}
 * @param prev the previous state {@code s[t-1]}
 * @param spike the previous spike {@code o[t-1]}
 * @param current the input current {@code I[t]}
 */
record NeuronStep(float[] params, float[] prev, boolean spike, float current) {
  /** A random step; the previous spike is drawn independently of the state so that both cases are covered. */
  static NeuronStep random(NeuronModel n, Random r) {
    float[] p = initialParameters(n);
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (r.nextGaussian() * 0.05);
    }
    float[] s = new float[n.stateSize()];
    float[] next = new float[s.length];
    boolean o = false;
    for (int t = 0, steps = r.nextInt(8); t < steps; t++) {
      n.update(p, s, 0, o, (float) (r.nextGaussian() * 0.8 + 0.3), next, 0);
      o = n.spikeArgument(p, next, 0) > 0;
      float[] swap = s;
      s = next;
      next = swap;
    }
    return new NeuronStep(p, s, r.nextBoolean(), (float) r.nextGaussian());
  }

  static float[] initialParameters(NeuronModel n) {
    float[] p = new float[n.parameterCount()];
    n.initialParameters(p);
    return p;
  }

  NeuronStep withParam(int i, float v) {
    float[] p = params.clone();
    p[i] = v;
    return new NeuronStep(p, prev, spike, current);
  }

  NeuronStep withPrev(int i, float v) {
    float[] s = prev.clone();
    s[i] = v;
    return new NeuronStep(params, s, spike, current);
  }

  NeuronStep withSpike(boolean o) {
    return new NeuronStep(params, prev, o, current);
  }

  NeuronStep withCurrent(float i) {
    return new NeuronStep(params, prev, spike, i);
  }

  /** {@code s[t]}. */
  float[] next(NeuronModel n) {
    float[] next = new float[n.stateSize()];
    n.update(params, prev, 0, spike, current, next, 0);
    return next;
  }

  /** {@code Σ g_j s[t]_j}: a loss whose gradient with respect to {@code s[t]} is {@code g}. */
  double weightedNext(NeuronModel n, float[] g) {
    float[] next = next(n);
    double sum = 0;
    for (int j = 0; j < next.length; j++) {
      sum += (double) g[j] * next[j];
    }
    return sum;
  }

  /** {@code gradZ · z} for the state {@code prev}: a loss whose gradient with respect to {@code z} is gradZ. */
  double weightedSpikeArgument(NeuronModel n, float gradZ) {
    return (double) gradZ * n.spikeArgument(params, prev, 0);
  }

  /** {@code updateBackward} from zeroed outputs: {@code dL/ds[t-1]}, then {@code dL/dθ}, then {@code gradInputs}. */
  float[][] updateBackward(NeuronModel n, float[] gradNext) {
    float[] gradPrev = new float[n.stateSize()];
    float[] gradParams = new float[n.parameterCount()];
    float[] inputs = new float[2];
    n.updateBackward(params, prev, 0, spike, current, gradNext, 0, gradPrev, 0, gradParams, inputs);
    return new float[][] {gradPrev, gradParams, inputs};
  }

  /** {@code spikeArgumentBackward} at the state {@code prev}, from zeroed outputs: {@code dL/ds}, {@code dL/dθ}. */
  float[][] spikeArgumentBackward(NeuronModel n, float gradZ) {
    float[] gradState = new float[n.stateSize()];
    float[] gradParams = new float[n.parameterCount()];
    n.spikeArgumentBackward(params, prev, 0, gradZ, gradState, 0, gradParams);
    return new float[][] {gradState, gradParams};
  }

  /** Everything the neuron computes at this step, forward and backward, for comparing two neurons. */
  float[] trace(NeuronModel n, float[] gradNext, float gradZ) {
    float[] next = next(n);
    float[][] update = updateBackward(n, gradNext);
    float[][] spike = spikeArgumentBackward(n, gradZ);
    float[][] parts = {next, {n.spikeArgument(params, prev, 0)}, update[0], update[1], update[2], spike[0], spike[1]};
    return Arrays.stream(parts).reduce(new float[0], NeuronStep::concat);
  }

  private static float[] concat(float[] a, float[] b) {
    float[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Override
  public String toString() {
    return "θ=" + Arrays.toString(params) + " s[t-1]=" + Arrays.toString(prev) + " o[t-1]=" + (spike ? 1 : 0)
        + " I[t]=" + current;
  }
}
