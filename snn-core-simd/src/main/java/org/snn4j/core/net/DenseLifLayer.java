package org.snn4j.core.net;

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
    float[] u = tape.current;
    int batch = tape.batch;
    int steps = tape.timesteps;
    int words = tape.wordsOut;
    long[] spikes = tape.spikes;
    float decay = neuron.decay();
    float vth = neuron.threshold();
    // one kernel call per row, so that each row's spike bits start on a word
    pool.forRange(
        batch,
        1,
        (b0, b1) -> {
          for (int b = b0; b < b1; b++) {
            kernels.lifFirstStep(u, b * out, spikes, b * words, out, vth);
          }
          for (int t = 1; t < steps; t++) {
            for (int b = b0; b < b1; b++) {
              int r = t * batch + b;
              kernels.lifStep(u, (r - batch) * out, u, r * out, spikes, r * words, out, decay, vth);
            }
          }
        });
  }

  @Override
  void neuronBackward(float[] gradSpikes, LayerTape tape, SurrogateGradient surrogate, WorkerPool pool) {
    int width = tape.batch * out;
    int steps = tape.timesteps;
    float[] u = tape.current;
    float[] gu = tape.gradCurrent;
    float decay = neuron.decay();
    float vth = neuron.threshold();
    boolean detach = neuron.detachReset();
    if (surrogate.isBox()) {
      float halfWidth = surrogate.boxHalfWidth();
      float height = surrogate.boxHeight();
      pool.forRange(
          width,
          64,
          (n0, n1) -> {
            int len = n1 - n0;
            for (int t = steps - 1; t >= 0; t--) {
              int cur = t * width + n0;
              float[] next = t == steps - 1 ? null : gu;
              kernels.lifBackwardStepBox(
                  gradSpikes, cur, next, cur + width, u, cur, gu, cur, len, decay, detach, vth, halfWidth, height);
            }
          });
      return;
    }
    float[] h = tape.surrogate();
    pool.forRange(
        width,
        64,
        (n0, n1) -> {
          int len = n1 - n0;
          for (int t = steps - 1; t >= 0; t--) {
            int cur = t * width + n0;
            kernels.subtract(u, cur, vth, h, cur, len);
            surrogate.derivative(h, cur, h, cur, len);
            float[] next = t == steps - 1 ? null : gu;
            kernels.lifBackwardStep(
                gradSpikes, cur, next, cur + width, u, cur, h, cur, gu, cur, len, decay, detach, vth);
          }
        });
  }
}
