package org.snn4j.core.layer;

import java.util.Arrays;
import org.snn4j.api.LifNeuron;
import org.snn4j.api.NeuronModel;
import org.snn4j.core.kernel.Kernels;

/**
 * The neuron recurrence of one layer's {@link NeuronDynamics}, one time step per call, for {@code lanes} samples
 * advanced together: the state of step {@code t-1} is kept between calls, where {@link NeuronDynamics#forward} runs
 * all steps of a batch at once from rest. Each step makes the same kernel or contract calls, on the same values, as
 * the batch recurrence makes at that step, so the two give the same bits:
 *
 * <ul>
 *   <li>the LIF fast path ({@link LifDynamics}): {@link Kernels#lifFirstStep} at the first step after a reset,
 *       {@link Kernels#lifStep} from the kept membranes after that, one call per lane; the membrane is computed in
 *       place of the current;
 *   <li>any other neuron ({@link ScalarNeuronDynamics}): {@link NeuronModel#update} and {@link
 *       NeuronModel#spikeArgument} per neuron, from a zero state and no spike at the first step, with the layer's
 *       learnable neuron parameters.
 * </ul>
 *
 * <p>Allocates only in its constructor. Not thread-safe: one stepper belongs to one streaming session.
 */
public final class NeuronStepper {
  private final Kernels kernels;
  private final NeuronModel neuron;
  private final LifNeuron lif;
  private final float[] params;
  private final int n;
  private final int lanes;
  private final int words;
  private final int k;
  /** LIF: the membranes of the previous step, {@code [lanes][n]}. */
  private final float[] prevU;
  /** Other neurons: the states of the previous and of this step, {@code [lanes·n][k]}, swapped after each step. */
  private float[] prevState;
  private float[] state;
  private final float[] rest;
  /** Other neurons: spikes of the previous and of this step as bytes, {@code [lanes][n]}. */
  private byte[] prevSpikes;
  private byte[] spikes;
  private boolean first = true;

  /** A stepper of {@code dynamics}' neurons (its parameters are read, never written) for {@code lanes} samples. */
  public NeuronStepper(NeuronDynamics dynamics, int lanes, Kernels kernels) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
    }
    this.kernels = kernels;
    this.neuron = dynamics.neuron();
    this.n = dynamics.size();
    this.lanes = lanes;
    this.words = SpikeBits.words(n);
    int cells = Math.multiplyExact(lanes, n);
    if (dynamics instanceof LifDynamics l) {
      this.lif = l.neuron();
      this.params = null;
      this.k = 1;
      this.prevU = new float[cells];
      this.rest = null;
    } else {
      this.lif = null;
      this.params = dynamics.parameters();
      this.k = neuron.stateSize();
      this.prevU = null;
      this.prevState = new float[Math.multiplyExact(cells, k)];
      this.state = new float[prevState.length];
      this.rest = new float[k];
      this.prevSpikes = new byte[cells];
      this.spikes = new byte[cells];
    }
  }

  /** Neurons per lane. */
  public int size() {
    return n;
  }

  /** Forgets the state: the next step starts from rest, as a batch's first step does. */
  public void reset() {
    first = true;
  }

  /**
   * One step: currents {@code current [lanes][n]} to spike bits {@code out [lanes][words(n)]}. On the LIF path
   * {@code current} holds the membranes afterwards; other neurons keep theirs in their state ({@link #membranes}).
   */
  public void step(float[] current, long[] out) {
    if (lif != null) {
      stepLif(current, out);
    } else {
      stepContract(current, out);
    }
    first = false;
  }

  private void stepLif(float[] u, long[] out) {
    float vth = lif.threshold();
    float decay = lif.decay();
    for (int b = 0; b < lanes; b++) {
      if (first) {
        kernels.lifFirstStep(u, b * n, out, b * words, n, vth);
      } else {
        kernels.lifStep(prevU, b * n, u, b * n, out, b * words, n, decay, vth);
      }
    }
    System.arraycopy(u, 0, prevU, 0, prevU.length);
  }

  private void stepContract(float[] current, long[] out) {
    int cells = lanes * n;
    for (int i = 0; i < cells; i++) {
      float[] prev = first ? rest : prevState;
      int prevFrom = first ? 0 : i * k;
      boolean prevSpike = !first && prevSpikes[i] != 0;
      neuron.update(params, prev, prevFrom, prevSpike, current[i], state, i * k);
      spikes[i] = (byte) (neuron.spikeArgument(params, state, i * k) > 0 ? 1 : 0);
    }
    for (int b = 0; b < lanes; b++) {
      kernels.packBits(spikes, b * n, n, out, b * words);
    }
    float[] s = prevState;
    prevState = state;
    state = s;
    byte[] o = prevSpikes;
    prevSpikes = spikes;
    spikes = o;
  }

  /**
   * Writes the membranes of the last step, {@code [lanes][n]}, to {@code dst}: on the LIF path the kept membranes,
   * otherwise each neuron's first state variable (the membrane of the built-in neurons). Zeros after a reset.
   */
  public void membranes(float[] dst) {
    int cells = lanes * n;
    if (first) {
      Arrays.fill(dst, 0, cells, 0f);
    } else if (lif != null) {
      System.arraycopy(prevU, 0, dst, 0, cells);
    } else {
      for (int i = 0; i < cells; i++) {
        dst[i] = prevState[i * k];
      }
    }
  }
}
