package org.snn4j.core.layer;

import java.util.Arrays;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.SurrogateGradient;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.core.memory.Footprint;
import org.snn4j.core.parallel.WorkerPool;

/**
 * STBP's iterative LIF neurons on the vectorized fast path:
 *
 * <pre>
 *   u[t] = decay·u[t-1]·(1 - o[t-1]) + I[t]    o[t] = (u[t] - vth &gt; 0)
 * </pre>
 *
 * The recurrence runs elementwise over each time step's {@code B·n} neurons ({@link Kernels#lifStep}); the backward
 * pass runs it in reverse with the surrogate applied in bulk, one call per step and slice ({@link
 * Kernels#lifBackwardStep}). The membrane is computed in place of the current.
 */
public final class LifDynamics implements NeuronDynamics {
  private static final float[] NO_PARAMETERS = new float[0];
  private final LifNeuron neuron;
  private final int n;
  private final Kernels kernels;

  public LifDynamics(LifNeuron neuron, int n, Kernels kernels) {
    this.neuron = neuron;
    this.n = n;
    this.kernels = kernels;
  }

  @Override
  public LifNeuron neuron() {
    return neuron;
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public float[] parameters() {
    return NO_PARAMETERS;
  }

  @Override
  public float[] parameterGradient() {
    return NO_PARAMETERS;
  }

  @Override
  public LifDynamics copy() {
    return new LifDynamics(neuron, n, kernels);
  }

  /**
   * Adds what a {@link LifState} allocates for {@code timesteps × batch} rows of {@code n} neurons: the surrogate
   * values, made by a backward pass whose surrogate is not a box (a box is fused into the kernel).
   *
   * @param surrogate the trainer's surrogate, or null when the state only runs forward
   */
  public static void stateFootprint(
      Footprint f, String layer, int n, int timesteps, int batch, SurrogateGradient surrogate) {
    if (surrogate != null && !surrogate.isBox()) {
      f.floats(layer + "'s surrogate values (T × --batch × outputs)", Footprint.times(timesteps, batch, n), true);
    }
  }

  @Override
  public LifState newState() {
    return new LifState();
  }

  @Override
  public void forward(float[] current, long[] spikes, State state, int timesteps, int batch, WorkerPool pool) {
    ((LifState) state).forward.run(current, spikes, timesteps, batch, pool);
  }

  @Override
  public void backward(
      float[] gradSpikes, float[] current, long[] spikes, SurrogateGradient surrogate, boolean[] liveSamples,
      float[] gradCurrent, State state, int timesteps, int batch, WorkerPool pool) {
    LifState s = (LifState) state;
    float[] h = surrogate.isBox() ? null : s.surrogate(); // allocated here, not racing in the workers
    s.backward.run(gradSpikes, current, surrogate, liveSamples, gradCurrent, h, timesteps, batch, pool);
  }

  /** The surrogate scratch, and the jobs of the two passes, made once per tape. */
  final class LifState implements State {
    private int capacityRows;
    private float[] surrogate;
    final ForwardJob forward = new ForwardJob();
    final BackwardJob backward = new BackwardJob();

    @Override
    public void ensure(int rows) {
      capacityRows = rows;
      surrogate = null;
    }

    float[] surrogate() {
      if (surrogate == null) {
        surrogate = new float[capacityRows * n];
      }
      return surrogate;
    }

    @Override
    public long tapeBytesPerRow() {
      return 4L * n;
    }

    @Override
    public long scratchBytesPerRow() {
      return surrogate == null ? 0 : 4L * n;
    }
  }

  /** The forward recurrence of one batch: its arguments, held for the duration of {@link #run}. */
  private final class ForwardJob implements WorkerPool.RangeBody {
    private float[] u;
    private long[] spikes;
    private int timesteps;
    private int batch;

    void run(float[] u, long[] spikes, int timesteps, int batch, WorkerPool pool) {
      this.u = u;
      this.spikes = spikes;
      this.timesteps = timesteps;
      this.batch = batch;
      try {
        pool.forRange(batch, 1, this);
      } finally {
        this.u = null;
        this.spikes = null;
      }
    }

    /** The recurrence over all steps for samples {@code [b0, b1)}: a kernel call per row, so its bits start on a word. */
    @Override
    public void run(int b0, int b1) {
      int out = n;
      int words = SpikeBits.words(out);
      float decay = neuron.decay();
      float vth = neuron.threshold();
      for (int b = b0; b < b1; b++) {
        kernels.lifFirstStep(u, b * out, spikes, b * words, out, vth);
      }
      for (int t = 1; t < timesteps; t++) {
        for (int b = b0; b < b1; b++) {
          int r = t * batch + b;
          kernels.lifStep(u, (r - batch) * out, u, r * out, spikes, r * words, out, decay, vth);
        }
      }
    }
  }

  /** The reverse recurrence of one batch: its arguments, held for the duration of {@link #run}. */
  private final class BackwardJob implements WorkerPool.RangeBody {
    private float[] gradSpikes;
    private float[] u;
    private SurrogateGradient surrogate;
    private boolean[] live;
    private float[] gu;
    private float[] h;
    private int timesteps;
    private int batch;

    void run(
        float[] gradSpikes, float[] u, SurrogateGradient surrogate, boolean[] live, float[] gu, float[] h,
        int timesteps, int batch, WorkerPool pool) {
      this.gradSpikes = gradSpikes;
      this.u = u;
      this.surrogate = surrogate;
      this.live = live;
      this.gu = gu;
      this.h = h;
      this.timesteps = timesteps;
      this.batch = batch;
      try {
        pool.forRange(batch * n, 64, this);
      } finally {
        this.gradSpikes = null;
        this.u = null;
        this.surrogate = null;
        this.live = null;
        this.gu = null;
        this.h = null;
      }
    }

    /**
     * The reverse recurrence for the flat neuron range {@code [n0, n1)} of every step: elementwise, so any split of
     * a step's {@code B·n} neurons works. A box surrogate is fused into the kernel; others take a bulk pass first.
     */
    @Override
    public void run(int n0, int n1) {
      if (live == null) {
        backwardRange(n0, n1);
        return;
      }
      // runs of samples alike: the live ones through the recurrence, the others (zero loss gradient) zero-filled
      int out = n;
      int width = batch * out;
      for (int i = n0; i < n1; ) {
        boolean isLive = live[i / out];
        int b = i / out + 1;
        while (b * out < n1 && live[b] == isLive) {
          b++;
        }
        int end = Math.min(n1, b * out);
        if (isLive) {
          backwardRange(i, end);
        } else {
          for (int t = 0; t < timesteps; t++) {
            Arrays.fill(gu, t * width + i, t * width + end, 0f);
          }
        }
        i = end;
      }
    }

    /** The reverse recurrence for the flat neuron range {@code [n0, n1)} of every step. */
    private void backwardRange(int n0, int n1) {
      int width = batch * n;
      int steps = timesteps;
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
      for (int t = steps - 1; t >= 0; t--) {
        int cur = t * width + n0;
        kernels.subtract(u, cur, vth, h, cur, len);
        surrogate.derivative(h, cur, h, cur, len);
        float[] next = t == steps - 1 ? null : gu;
        kernels.lifBackwardStep(gradSpikes, cur, next, cur + width, u, cur, h, cur, gu, cur, len, decay, detach, vth);
      }
    }
  }
}
