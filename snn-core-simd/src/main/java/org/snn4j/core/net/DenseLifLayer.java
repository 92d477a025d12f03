package org.snn4j.core.net;

import java.util.Arrays;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.parallel.WorkerPool;

/**
 * A {@link DenseSpikingLayer} of STBP's iterative LIF neurons on the vectorized fast path:
 *
 * <pre>
 *   u[t] = decay·u[t-1]·(1 - o[t-1]) + I[t]    o[t] = (u[t] - vth &gt; 0)
 * </pre>
 *
 * The recurrence runs elementwise over each time step's {@code B·out} neurons ({@link Kernels#lifStep}); the
 * backward pass runs it in reverse with the surrogate applied in bulk, one call per step and slice ({@link
 * Kernels#lifBackwardStep}). The membrane is computed in place of the current.
 */
public final class DenseLifLayer extends DenseSpikingLayer {
  private static final float[] NO_PARAMETERS = new float[0];
  private final LifNeuron neuron;

  /** A layer with zero weights; set them through {@link #weight()} and {@link #bias()}. */
  public DenseLifLayer(int index, int in, int out, LifNeuron neuron, Kernels kernels) {
    super(index, in, out, kernels, null);
    this.neuron = neuron;
  }

  @Override
  public LifNeuron neuron() {
    return neuron;
  }

  @Override
  public float[] neuronParameters() {
    return NO_PARAMETERS;
  }

  @Override
  void neuronForward(LayerTape tape, WorkerPool pool) {
    if (tape.forwardBody == null) {
      tape.forwardBody = (b0, b1) -> forwardSamples(tape, b0, b1);
      tape.backwardBody = (n0, n1) -> backwardNeurons(tape, n0, n1);
    }
    pool.forRange(tape.batch, 1, tape.forwardBody);
  }

  /** The recurrence over all steps for samples {@code [b0, b1)}: a kernel call per row, so its bits start on a word. */
  private void forwardSamples(LayerTape tape, int b0, int b1) {
    float[] u = tape.current;
    int batch = tape.batch;
    int words = tape.wordsOut;
    long[] spikes = tape.spikes;
    float decay = neuron.decay();
    float vth = neuron.threshold();
    for (int b = b0; b < b1; b++) {
      kernels.lifFirstStep(u, b * out, spikes, b * words, out, vth);
    }
    for (int t = 1; t < tape.timesteps; t++) {
      for (int b = b0; b < b1; b++) {
        int r = t * batch + b;
        kernels.lifStep(u, (r - batch) * out, u, r * out, spikes, r * words, out, decay, vth);
      }
    }
  }

  @Override
  void neuronBackward(float[] gradSpikes, LayerTape tape, SurrogateGradient surrogate, WorkerPool pool) {
    tape.gradSpikes = gradSpikes;
    tape.surrogateFunction = surrogate;
    if (!surrogate.isBox()) {
      tape.surrogate(); // allocated here, not racing in the workers
    }
    try {
      pool.forRange(tape.batch * out, 64, tape.backwardBody);
    } finally {
      tape.gradSpikes = null;
      tape.surrogateFunction = null;
    }
  }

  /**
   * The reverse recurrence for the flat neuron range {@code [n0, n1)} of every step: elementwise, so any split of a
   * step's {@code B·out} neurons works. A box surrogate is fused into the kernel; others take a bulk pass first.
   */
  private void backwardNeurons(LayerTape tape, int n0, int n1) {
    boolean[] live = tape.liveSamples;
    if (live == null) {
      backwardRange(tape, n0, n1);
      return;
    }
    // runs of samples alike: the live ones through the recurrence, the others (zero loss gradient) zero-filled
    int width = tape.batch * out;
    for (int n = n0; n < n1; ) {
      boolean isLive = live[n / out];
      int b = n / out + 1;
      while (b * out < n1 && live[b] == isLive) {
        b++;
      }
      int end = Math.min(n1, b * out);
      if (isLive) {
        backwardRange(tape, n, end);
      } else {
        for (int t = 0; t < tape.timesteps; t++) {
          Arrays.fill(tape.gradCurrent, t * width + n, t * width + end, 0f);
        }
      }
      n = end;
    }
  }

  /** The reverse recurrence for the flat neuron range {@code [n0, n1)} of every step. */
  private void backwardRange(LayerTape tape, int n0, int n1) {
    int width = tape.batch * out;
    int steps = tape.timesteps;
    float[] u = tape.current;
    float[] gu = tape.gradCurrent;
    float[] gradSpikes = tape.gradSpikes;
    SurrogateGradient surrogate = tape.surrogateFunction;
    float decay = neuron.decay();
    float vth = neuron.threshold();
    boolean detach = neuron.detachReset();
    int len = n1 - n0;
    if (surrogate.isBox()) {
      float halfWidth = surrogate.boxHalfWidth();
      float height = surrogate.boxHeight();
      for (int t = steps - 1; t >= 0; t--) {
        int cur = t * width + n0;
        float[] next = t == steps - 1 ? null : gu;
        kernels.lifBackwardStepBox(
            gradSpikes, cur, next, cur + width, u, cur, gu, cur, len, decay, detach, vth, halfWidth, height);
      }
      return;
    }
    float[] h = tape.surrogate();
    for (int t = steps - 1; t >= 0; t--) {
      int cur = t * width + n0;
      kernels.subtract(u, cur, vth, h, cur, len);
      surrogate.derivative(h, cur, h, cur, len);
      float[] next = t == steps - 1 ? null : gu;
      kernels.lifBackwardStep(gradSpikes, cur, next, cur + width, u, cur, h, cur, gu, cur, len, decay, detach, vth);
    }
  }
}
