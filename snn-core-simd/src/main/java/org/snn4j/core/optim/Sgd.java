package org.snn4j.core.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.api.Parameter;

/**
 * Stochastic gradient descent with momentum, as PyTorch's {@code torch.optim.SGD} (no dampening):
 *
 * <pre>
 *   g = g + λ·p (weight decay λ, 0 by default)
 *   buf = g (first step), then buf = μ·buf + g
 *   p = p - lr·buf                 (classical momentum)
 *   p = p - lr·(g + μ·buf)         (Nesterov, {@link #nesterov})
 * </pre>
 *
 * With momentum 0 it is plain SGD and keeps no state.
 */
public final class Sgd implements CheckpointableOptimizer {
  private final float momentum;
  private final boolean nesterov;
  private final float weightDecay;
  private float learningRate;
  private final Map<float[], float[]> buffers = new IdentityHashMap<>();
  private long steps;

  /**
   * @param momentum in [0, 1)
   */
  public Sgd(float learningRate, float momentum) {
    this(learningRate, momentum, false, 0f);
  }

  /**
   * @param momentum in [0, 1); with {@code nesterov}, in (0, 1)
   * @param nesterov Nesterov momentum, as PyTorch's {@code nesterov=True}
   * @param weightDecay PyTorch's (coupled) L2 weight decay λ ≥ 0, added to the gradient
   */
  public Sgd(float learningRate, float momentum, boolean nesterov, float weightDecay) {
    Optimizers.checkLearningRate(learningRate);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (nesterov && momentum == 0f) {
      throw new IllegalArgumentException("Nesterov momentum needs a momentum > 0");
    }
    if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  /** {@code sgd}, or {@code nesterov} with Nesterov momentum. */
  @Override
  public String name() {
    return nesterov ? "nesterov" : "sgd";
  }

  /** The (coupled) weight decay λ. */
  public float weightDecay() {
    return weightDecay;
  }

  @Override
  public void step(List<Parameter> parameters) {
    steps++;
    for (int q = 0, n = parameters.size(); q < n; q++) { // indexed: an iterator would be allocated per step
      Parameter p = parameters.get(q);
      float[] w = p.value();
      float[] g = p.gradient();
      if (momentum == 0f) {
        for (int i = 0; i < w.length; i++) {
          w[i] -= learningRate * decayed(g[i], w[i]);
        }
        continue;
      }
      float[] buf = buffers.get(w);
      boolean first = buf == null;
      if (first) {
        buffers.put(w, buf = new float[w.length]);
      }
      for (int i = 0; i < w.length; i++) {
        float gi = decayed(g[i], w[i]);
        float b = first ? gi : momentum * buf[i] + gi;
        buf[i] = b;
        w[i] -= learningRate * (nesterov ? gi + momentum * b : b);
      }
    }
  }

  /** The gradient with the weight decay added; exactly {@code g} without decay (the bits of the plain update). */
  private float decayed(float g, float w) {
    return weightDecay == 0f ? g : g + weightDecay * w;
  }

  /** Arrays of state per parameter, each as long as the parameter: the momentum buffer, or none without momentum. */
  @Override
  public int stateArrays() {
    return momentum == 0f ? 0 : 1;
  }

  @Override
  public long steps() {
    return steps;
  }

  /** {@code {buf}} of {@code parameter} (live), or null before its first step and always without momentum. */
  @Override
  public float[][] state(Parameter parameter) {
    float[] buf = buffers.get(parameter.value());
    return buf == null ? null : new float[][] {buf};
  }

  @Override
  public void restore(long steps, List<Parameter> parameters, List<float[][]> states) {
    CheckpointableOptimizer.checkRestore(stateArrays(), steps, parameters, states);
    buffers.clear();
    for (int q = 0; q < parameters.size(); q++) {
      float[][] s = states.get(q);
      if (s != null && s.length > 0) {
        buffers.put(parameters.get(q).value(), s[0].clone());
      }
    }
    this.steps = steps;
  }

  @Override
  public float learningRate() {
    return learningRate;
  }

  @Override
  public void setLearningRate(float learningRate) {
    Optimizers.checkLearningRate(learningRate);
    this.learningRate = learningRate;
  }
}
