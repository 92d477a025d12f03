package org.snn4j.nir;

import org.snn4j.api.LifNeuron;
import org.snn4j.core.layer.Synapse;

/**
 * The neurons of one imported spiking layer ({@link NirImport}): a {@code LIF}, {@code IF} or memoryless {@code
 * CubaLIF} node as snn4j's {@link LifNeuron} by {@link LifMapping}, its input scale and leak folded into the synapse
 * before it, each fold named in the report.
 */
final class NeuronImport {
  private final double dt;
  private final FidelityReport report;
  private final NodeFields fields;

  NeuronImport(double dt, FidelityReport report, NodeFields fields) {
    this.dt = dt;
    this.report = report;
    this.fields = fields;
  }

  /** The neurons after {@code synapseNode}, their scale and leak folded into {@code synapse}. */
  LifNeuron neuron(NirNode node, NirNode synapseNode, Synapse synapse) throws NirFormatException {
    int n = synapse.outputShape().size();
    String at = "node " + node.describe();
    double scale;
    double leak;
    float decay;
    float vth;
    switch (node.type()) {
      case "LIF" -> {
        double tau = fields.uniform(node, "tau", n, null);
        double r = fields.uniform(node, "r", n, null);
        double vLeak = fields.uniform(node, "v_leak", n, 0.0);
        double vReset = fields.uniform(node, "v_reset", n, 0.0);
        double vThreshold = fields.uniform(node, "v_threshold", n, null);
        decay = decayOf(node, tau);
        scale = LifMapping.lifInputScale(tau, r, dt);
        leak = LifMapping.leakCurrent(tau, vLeak, vReset, dt);
        vth = threshold(node, vThreshold, vReset);
        report.add(FidelityReport.Kind.EXACT, at + ": decay = 1 - dt/tau = " + decay + " (tau " + tau + ", dt " + dt
            + "), vth = v_threshold - v_reset = " + vth + ", reset to zero");
      }
      case "IF" -> {
        double r = fields.uniform(node, "r", n, null);
        double vReset = fields.uniform(node, "v_reset", n, 0.0);
        double vThreshold = fields.uniform(node, "v_threshold", n, null);
        decay = 1f;
        scale = LifMapping.ifInputScale(r, dt);
        leak = 0;
        vth = threshold(node, vThreshold, vReset);
        report.add(FidelityReport.Kind.EXACT, at + ": decay 1 (snn4j's if), vth = v_threshold - v_reset = " + vth);
      }
      case "CubaLIF" -> {
        double tauSyn = fields.uniform(node, "tau_syn", n, null);
        double tauMem = fields.uniform(node, "tau_mem", n, null);
        double r = fields.uniform(node, "r", n, null);
        double vLeak = fields.uniform(node, "v_leak", n, 0.0);
        double vReset = fields.uniform(node, "v_reset", n, 0.0);
        double vThreshold = fields.uniform(node, "v_threshold", n, null);
        double wIn = fields.uniform(node, "w_in", n, 1.0);
        float alpha = LifMapping.decay(tauSyn, dt);
        if (alpha != 0f && LifMapping.isUnit(tauSyn / dt)) {
          report.add(FidelityReport.Kind.DIFFERS, at + ": tau_syn " + tauSyn + " is dt within the float32 rounding"
              + " of the stored value, so its current's decay 1 - dt/tau_syn = " + alpha + " is taken as 0");
          alpha = 0f;
        }
        if (!(tauSyn >= dt) && alpha != 0f) {
          throw fields.error(at + " has tau_syn " + tauSyn + ", below the time step " + dt + "; its current's decay 1 -"
              + " dt/tau_syn would be negative: import with a --dt of at most tau_syn");
        }
        if (alpha != 0f) {
          throw fields.error(at + " has a synaptic current that decays by 1 - dt/tau_syn = " + alpha + " per step (tau_syn "
              + tauSyn + ", dt " + dt + "); snn4j's neurons (lif, if, plif, alif) hold one state, the membrane, and"
              + " importing it needs a neuron with a second state I[t] = " + alpha + "·I[t-1] + "
              + (float) (wIn * dt / tauSyn) + "·x[t] feeding the membrane (snnTorch's Synaptic); only tau_syn = dt"
              + " (no memory) maps to lif");
        }
        decay = decayOf(node, tauMem);
        // I[t] = (dt/tau_syn)·w_in·x[t], then the membrane as LIF's (the current first, as snnTorch's Synaptic)
        scale = LifMapping.lifInputScale(tauMem, r, dt) * (dt / tauSyn) * wIn;
        leak = LifMapping.leakCurrent(tauMem, vLeak, vReset, dt);
        vth = threshold(node, vThreshold, vReset);
        report.add(FidelityReport.Kind.EXACT, at + ": tau_syn = dt, so the synaptic current has no memory: lif with"
            + " decay " + decay + ", vth " + vth + " (the current updated before the membrane, as snnTorch does)");
      }
      default -> throw fields.error(at + " follows " + synapseNode.describe() + "; snn4j needs neurons (LIF, IF or"
          + " CubaLIF) right after every synapse");
    }
    fold(at, synapseNode, synapse, scale, leak);
    return new LifNeuron(decay, vth, false);
  }

  /**
   * The decay {@code β} of the membrane readout an {@code LI} node after {@code synapseNode} is ({@code tau·dv/dt =
   * (v_leak - v) + r·I}, forward Euler: {@code v[t] = (1 - dt/tau)·v[t-1] + (dt/tau)·v_leak + (dt·r/tau)·I}), its input
   * scale and leak folded into {@code synapse} as a LIF's.
   */
  float readoutDecay(NirNode node, NirNode synapseNode, Synapse synapse) throws NirFormatException {
    int n = synapse.outputShape().size();
    String at = "node " + node.describe();
    double tau = fields.uniform(node, "tau", n, null);
    double r = fields.uniform(node, "r", n, null);
    double vLeak = fields.uniform(node, "v_leak", n, 0.0);
    float decay = decayOf(node, tau);
    if (!(decay < 1f)) {
      throw fields.error(at + " has tau " + tau + ", whose decay 1 - dt/tau rounds to 1 at dt " + dt + ": an integrator"
          + " without leak; snn4j's membrane readout needs a decay below 1 (import with a larger --dt)");
    }
    report.add(FidelityReport.Kind.EXACT, at + ": a leaky integrator at the end of the chain, the membrane readout"
        + " with decay = 1 - dt/tau = " + decay + " (tau " + tau + ", dt " + dt + "); the class score is the mean of"
        + " its output over the steps");
    fold(at, synapseNode, synapse, LifMapping.lifInputScale(tau, r, dt), LifMapping.leakCurrent(tau, vLeak, 0, dt));
    return decay;
  }

  /** Folds an input scale into {@code synapse}'s weights and bias and a leak current into its bias, reporting both. */
  private void fold(String at, NirNode synapseNode, Synapse synapse, double scale, double leak) {
    if (!LifMapping.isUnit(scale)) {
      scaleWeights(synapse, (float) scale, true);
      report.add(FidelityReport.Kind.DIFFERS, at + " scales its input by " + scale + " per step; snn4j multiplies "
          + synapseNode.describe() + "'s weights and bias by " + (float) scale + ": the products are rounded, so a"
          + " current can differ in its last bit from one scaled at run time");
    } else if ((float) scale != 1f) {
      report.add(FidelityReport.Kind.DIFFERS, at + " scales its input by " + scale + ", which is 1 within the"
          + " float32 rounding of the stored tau and r; taken as 1");
    }
    if (leak != 0) {
      float[] b = synapse.bias();
      for (int i = 0; i < b.length; i++) {
        b[i] += (float) leak;
      }
      report.add(FidelityReport.Kind.DIFFERS, at + " leaks towards v_leak ≠ v_reset: (dt/tau)·(v_leak - v_reset) = "
          + leak + " added to " + synapseNode.describe() + "'s bias (rounded into it)");
    }
  }

  private float decayOf(NirNode node, double tau) throws NirFormatException {
    if (!(tau >= dt) || Double.isInfinite(tau)) {
      throw fields.error("node " + node.describe() + " has tau " + tau + ", below the time step " + dt + "; its decay 1 -"
          + " dt/tau would be negative: import with a --dt of at most tau");
    }
    return LifMapping.decay(tau, dt);
  }

  private float threshold(NirNode node, double vThreshold, double vReset) throws NirFormatException {
    float vth = (float) (vThreshold - vReset);
    if (vReset != 0) {
      report.add(FidelityReport.Kind.EXACT, "node " + node.describe() + " resets to v_reset " + vReset + ": snn4j"
          + " measures from it (u = v - v_reset, vth = " + vth + "); a run starts at v = v_reset");
    }
    if ((double) vth != vThreshold - vReset) {
      report.add(FidelityReport.Kind.DIFFERS, "node " + node.describe() + ": vth " + (vThreshold - vReset)
          + " rounded to float32 " + new java.math.BigDecimal(vth) + " (a framework running in float32 rounds it"
          + " the same way)");
    }
    return vth;
  }

  static void scaleWeights(Synapse s, float factor, boolean bias) {
    for (float[] p : bias ? new float[][] {s.weight(), s.bias()} : new float[][] {s.weight()}) {
      for (int i = 0; i < p.length; i++) {
        p[i] *= factor;
      }
    }
  }
}
