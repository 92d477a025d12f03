package org.snn4j.core.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.snn4j.api.Parameter;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * Adam (Kingma and Ba), written as PyTorch's {@code torch.optim.Adam} computes it (no weight decay, no amsgrad):
 *
 * <pre>
 *   m = m + (1 - β1)(g - m)          v = β2 v + (1 - β2) g²
 *   p = p - (lr / (1 - β1^t)) · m / (sqrt(v) / sqrt(1 - β2^t) + ε)
 * </pre>
 *
 * <p>{@link #adamW AdamW} (Loshchilov and Hutter) first decays every weight, decoupled from the gradient, as
 * {@code torch.optim.AdamW} does: {@code p = p · (1 - lr·λ)}, then the Adam step above.
 *
 * The moments are allocated once per parameter, at its first step.
 */
public final class Adam implements PooledOptimizer, CheckpointableOptimizer {
  /** Arrays of state per parameter, each as long as the parameter: the two moments. */
  static final int STATE_ARRAYS = 2;
  private final float beta1;
  private final float beta2;
  private final float eps;
  /** AdamW's decoupled weight decay λ; 0 for Adam. */
  private final float weightDecay;
  private final boolean decoupled;
  private float learningRate;
  private final Map<float[], float[][]> moments = new IdentityHashMap<>();
  private long step;
  private final Kernels kernels = Kernels.get();

  /** PyTorch's defaults: β1 0.9, β2 0.999, ε 1e-8. */
  public Adam(float learningRate) {
    this(learningRate, 0.9f, 0.999f, 1e-8f);
  }

  /** Adam with explicit constants. */
  public Adam(float learningRate, float beta1, float beta2, float eps) {
    this(learningRate, beta1, beta2, eps, 0f, false);
  }

  private Adam(float learningRate, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) {
    Optimizers.checkLearningRate(learningRate);
    if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
  }

  /**
   * AdamW with PyTorch's defaults (β1 0.9, β2 0.999, ε 1e-8) and decoupled weight decay {@code weightDecay}
   * (PyTorch's default is 0.01).
   *
   * @throws IllegalArgumentException for a learning rate ≤ 0 or a weight decay &lt; 0
   */
  public static Adam adamW(float learningRate, float weightDecay) {
    return new Adam(learningRate, 0.9f, 0.999f, 1e-8f, weightDecay, true);
  }

  /** {@code adam}, or {@code adamw} for {@link #adamW}. */
  @Override
  public String name() {
    return decoupled ? "adamw" : "adam";
  }

  /** AdamW's decoupled weight decay λ (0 for Adam). */
  public float weightDecay() {
    return weightDecay;
  }

  // the current update's arguments, read by the preallocated range body
  private float[] w;
  private float[] g;
  private float[] m;
  private float[] v;
  private float stepSize;
  private float bc2Sqrt;
  private float decay;
  private final WorkerPool.RangeBody update = this::update;

  @Override
  public void step(List<Parameter> parameters) {
    step(parameters, null);
  }

  @Override
  public void step(List<Parameter> parameters, WorkerPool pool) {
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = 1 - Math.pow(beta2, step);
    stepSize = (float) (learningRate / bc1);
    bc2Sqrt = (float) Math.sqrt(bc2);
    decay = 1f - learningRate * weightDecay;
    for (int q = 0, n = parameters.size(); q < n; q++) { // indexed: an iterator would be allocated per step
      Parameter p = parameters.get(q);
      float[][] mv = moments.computeIfAbsent(p.value(), k -> new float[][] {new float[k.length], new float[k.length]});
      w = p.value();
      g = p.gradient();
      m = mv[0];
      v = mv[1];
      try {
        if (pool == null) {
          update(0, w.length);
        } else {
          pool.forRange(w.length, 4096, update);
        }
      } finally {
        w = g = m = v = null;
      }
    }
  }

  /** Forgets the moments and the step count: the next step is taken as by a new optimizer. Allocates nothing. */
  public void reset() {
    for (float[][] mv : moments.values()) {
      java.util.Arrays.fill(mv[0], 0f);
      java.util.Arrays.fill(mv[1], 0f);
    }
    step = 0;
  }

  @Override
  public long steps() {
    return step;
  }

  @Override
  public int stateArrays() {
    return STATE_ARRAYS;
  }

  /** The moments {@code {m, v}} of {@code parameter} (live), or null before its first step. */
  @Override
  public float[][] state(Parameter parameter) {
    return moments.get(parameter.value());
  }

  @Override
  public void restore(long steps, List<Parameter> parameters, List<float[][]> states) {
    CheckpointableOptimizer.checkRestore(STATE_ARRAYS, steps, parameters, states);
    moments.clear();
    for (int q = 0; q < parameters.size(); q++) {
      float[][] s = states.get(q);
      if (s != null) {
        moments.put(parameters.get(q).value(), new float[][] {s[0].clone(), s[1].clone()});
      }
    }
    step = steps;
  }

  private void update(int from, int to) {
    if (decoupled && weightDecay != 0f) {
      for (int i = from; i < to; i++) {
        w[i] *= decay;
      }
    }
    kernels.adamStep(w, g, m, v, from, to, 1f - beta1, beta2, 1f - beta2, stepSize, bc2Sqrt, eps);
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
