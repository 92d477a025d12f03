package org.snn4j.core.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.api.Parameter;

/**
 * Stochastic gradient descent with momentum, as PyTorch's {@code torch.optim.SGD} (no dampening, no Nesterov):
 *
 * <pre>
 *   buf = g (first step), then buf = μ·buf + g        p = p - lr·buf
 * </pre>
 *
 * With momentum 0 it is plain SGD and keeps no state.
 */
public final class Sgd implements CheckpointableOptimizer {
  private final float momentum;
  private float learningRate;
  private final Map<float[], float[]> buffers = new IdentityHashMap<>();
  private long steps;

  /**
   * @param momentum in [0, 1)
   */
  public Sgd(float learningRate, float momentum) {
    Optimizers.checkLearningRate(learningRate);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  @Override
  public String name() {
    return "sgd";
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
          w[i] -= learningRate * g[i];
        }
        continue;
      }
      float[] buf = buffers.get(w);
      if (buf == null) {
        buffers.put(w, buf = g.clone());
      } else {
        for (int i = 0; i < w.length; i++) {
          buf[i] = momentum * buf[i] + g[i];
        }
      }
      for (int i = 0; i < w.length; i++) {
        w[i] -= learningRate * buf[i];
      }
    }
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
