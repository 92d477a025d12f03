package com.example.snn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snn4j.api.NeuronFactory;
import org.snn4j.api.NeuronModel;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;

/**
 * A neuron plugin, named {@code soft-reset-lif}: leaky integrate-and-fire whose spike subtracts the threshold
 * instead of zeroing the membrane (a "soft" reset, which keeps the charge above threshold):
 *
 * <pre>
 *   u[t] = decay·u[t-1] + I[t] - vth·o[t-1]        o[t] = 1 if u[t] - vth &gt; 0 else 0
 *   ∂u[t]/∂u[t-1] = decay    ∂u[t]/∂I[t] = 1    ∂u[t]/∂o[t-1] = -vth (0 with detach_reset)
 * </pre>
 *
 * <p>Defaults: decay 0.2, vth 0.5, gradient through the reset. It declares {@code decay}, {@code vth} and {@code
 * detach_reset}, so {@code snn train}'s {@code --decay}, {@code --vth} and {@code --detach-reset} set them too.
 *
 * <p>What makes it a plugin: a public no-argument constructor, a stable lower-case {@link #name()}, its parameters
 * declared with their defaults, and the class listed in {@code META-INF/services/org.snn4j.api.NeuronFactory}. The
 * neuron itself implements the scalar {@link NeuronModel} contract, which snn4j trains with STBP.
 */
public final class SoftResetLifNeuron implements NeuronFactory {
  static final String NAME = "soft-reset-lif";

  /** ServiceLoader creates the factory through this constructor. */
  public SoftResetLifNeuron() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "LIF with soft reset u = decay*u + I - vth*o (example plugin)";
  }

  @Override
  public Map<String, String> parameterDefaults() {
    Map<String, String> d = new LinkedHashMap<>(); // the order 'snn plugins' shows
    d.put("decay", "0.2");
    d.put("vth", "0.5");
    d.put("detach_reset", "false");
    return d;
  }

  @Override
  public NeuronModel create(PluginParams params) {
    double decay = params.getDouble("decay"); // fails naming the parameter if it is not a number
    if (!(decay >= 0 && decay <= 1)) {
      throw new PluginException(NAME + ": parameter 'decay' must be in [0, 1], got " + params.get("decay"));
    }
    double vth = params.getPositive("vth"); // a soft reset needs a positive threshold to subtract
    String detach = params.get("detach_reset");
    if (!detach.equals("true") && !detach.equals("false")) {
      throw new PluginException(NAME + ": parameter 'detach_reset' must be true or false, got '" + detach + "'");
    }
    return new Neuron((float) decay, (float) vth, Boolean.parseBoolean(detach));
  }

  /** Immutable: all per-neuron state lives in the arrays snn4j passes in. */
  private record Neuron(float decay, float vth, boolean detachReset) implements NeuronModel {
    @Override
    public String name() {
      return NAME;
    }

    /** The spec that makes this neuron again; snn writes it into the model file. */
    @Override
    public String spec() {
      return NAME + ":decay=" + decay + ",detach_reset=" + detachReset + ",vth=" + vth;
    }

    @Override
    public void update(
        float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] next, int nextFrom) {
      next[nextFrom] = decay * prev[prevFrom] + current - (prevSpike ? vth : 0f);
    }

    @Override
    public float spikeArgument(float[] params, float[] state, int from) {
      return state[from] - vth;
    }

    @Override
    public void spikeArgumentBackward(
        float[] params, float[] state, int from, float gradZ, float[] gradState, int gradFrom, float[] gradParams) {
      gradState[gradFrom] += gradZ; // ∂z/∂u = 1
    }

    @Override
    public void updateBackward(
        float[] params, float[] prev, int prevFrom, boolean prevSpike, float current, float[] gradNext,
        int gradNextFrom, float[] gradPrev, int gradPrevFrom, float[] gradParams, float[] gradInputs) {
      float g = gradNext[gradNextFrom];
      gradPrev[gradPrevFrom] += g * decay; // added: snn4j accumulates into it
      gradInputs[0] = g; // dL/dI[t]
      gradInputs[1] = detachReset ? 0f : -vth * g; // dL/do[t-1], set
    }
  }
}
