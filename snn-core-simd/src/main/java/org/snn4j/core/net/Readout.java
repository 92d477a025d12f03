package org.snn4j.core.net;

import java.util.Locale;

/**
 * How a network's class scores {@code s[b][k]} come from its last layer, for the loss and for the prediction
 * (the highest score).
 *
 * <ul>
 *   <li>{@code rate} (the STBP paper's, the default): the last layer's firing rates, {@code s = (1/T) Σ_t o[t]}.
 *   <li>{@code membrane[:decay=β]}: a non-spiking leaky integrator, as snnTorch's membrane losses and SpikingJelly's
 *       examples read a net: the last layer's synaptic currents {@code I[t]} are integrated without threshold or
 *       reset, {@code U[t] = β·U[t-1] + I[t]} ({@code U[-1] = 0}), and {@code s = (1/T) Σ_t U[t]}; the last
 *       layer's neuron is not run. β in [0, 1), 0.5 by default; with β = 0 the score is the mean current.
 *   <li>{@code vote:N}: the follow-up STBP paper's voting layer (Wu et al. 2019): the last layer has N spiking
 *       neurons per class, neurons {@code [k·N, (k+1)·N)} vote for class {@code k}, and its score is their mean
 *       rate, {@code s[k] = (1/(N·T)) Σ_t Σ_j o[t][k·N + j]}.
 * </ul>
 *
 * Scores can be any real number with {@code membrane}, so cross-entropy on them can become confident.
 */
public record Readout(Kind kind, float decay, int group) {
  /** The kinds of readout. */
  public enum Kind {
    /** Firing rates of the last layer. */
    RATE,
    /** Mean membrane of a non-spiking leaky integrator fed by the last layer's currents. */
    MEMBRANE,
    /** Mean rate of a group of spiking neurons per class. */
    VOTE
  }

  /** The STBP paper's readout: firing rates. */
  public static final Readout RATE = new Readout(Kind.RATE, 0f, 1);

  /** The membrane readout's decay when none is given. */
  public static final float DEFAULT_DECAY = 0.5f;

  /** Checks the decay and the group size. */
  public Readout {
    if (kind == Kind.MEMBRANE && !(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("readout membrane: decay must be in [0, 1), got " + decay);
    }
    if (group < 1 || (kind != Kind.VOTE && group != 1)) {
      throw new IllegalArgumentException("readout " + kind + ": group size must be 1 (vote: >= 1), got " + group);
    }
  }

  /** A membrane readout with decay {@code decay}. */
  public static Readout membrane(float decay) {
    return new Readout(Kind.MEMBRANE, decay, 1);
  }

  /** A voting readout of {@code neuronsPerClass} neurons per class. */
  public static Readout vote(int neuronsPerClass) {
    return new Readout(Kind.VOTE, 0f, neuronsPerClass);
  }

  /** True for the voting readout. */
  public boolean vote() {
    return kind == Kind.VOTE;
  }

  /** Classes scored from a last layer of {@code outputs} neurons: {@code outputs / N} for a vote, else all. */
  public int classes(int outputs) {
    return outputs / group;
  }

  /**
   * Parses {@code rate}, {@code membrane} or {@code membrane:decay=β}, ignoring case; {@link #toString} gives this
   * form back.
   *
   * @throws IllegalArgumentException for anything else, naming what is accepted
   */
  public static Readout parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("rate")) {
      return RATE;
    }
    if (t.equals("membrane")) {
      return membrane(DEFAULT_DECAY);
    }
    if (t.startsWith("vote:")) {
      String v = t.substring("vote:".length());
      try {
        int n = Integer.parseInt(v);
        if (n >= 1) {
          return vote(n);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("readout vote:N: N, the neurons per class, must be a whole number >= 1, got '"
          + v + "'");
    }
    if (t.startsWith("membrane:decay=")) {
      String v = t.substring("membrane:decay=".length());
      try {
        return membrane(Float.parseFloat(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("readout membrane: decay must be a number in [0, 1), got '" + v + "'");
      }
    }
    throw new IllegalArgumentException("unknown readout '" + text + "'; known: rate, membrane[:decay=B] (B in [0, 1),"
        + " default " + DEFAULT_DECAY + "), vote:N (N neurons per class)");
  }

  /** True for the membrane readout. */
  public boolean membrane() {
    return kind == Kind.MEMBRANE;
  }

  /**
   * The weight {@code c_t} of step {@code t}'s current in the membrane score, {@code s = Σ_t c_t·I[t]}: {@code c_t =
   * (1/T) Σ_{u=t}^{T-1} β^(u-t)}, computed in float from the last step back, {@code c_{T-1} = 1/T}, {@code c_t = 1/T
   * + β·c_{t+1}}.
   */
  public float[] stepWeights(int steps) {
    float[] c = new float[steps];
    float perStep = 1f / steps;
    float next = 0f;
    for (int t = steps - 1; t >= 0; t--) {
      next = perStep + decay * next;
      c[t] = next;
    }
    return c;
  }

  @Override
  public String toString() {
    switch (kind) {
      case MEMBRANE:
        return "membrane:decay=" + decay;
      case VOTE:
        return "vote:" + group;
      default:
        return "rate";
    }
  }
}
