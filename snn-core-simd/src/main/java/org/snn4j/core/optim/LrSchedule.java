package org.snn4j.core.optim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.snn4j.api.Optimizer;
import org.snn4j.api.PluginException;
import org.snn4j.api.PluginParams;
import org.snn4j.api.PluginSpec;

/**
 * A learning-rate schedule: the learning rate of every batch as a function of its place in the run alone, so a run
 * resumed from a checkpoint sets the same rates as one that was not interrupted, and no state needs saving.
 *
 * <p>With base rate {@code lr0}, {@code E} epochs of {@code N} batches, batch {@code b} (from 0) of epoch {@code e}
 * (from 1) and {@code s = (e-1)·N + b} the run's step:
 *
 * <pre>
 *   constant                 lr0
 *   step:every=K,gamma=G     lr0 · G^floor((e-1)/K)              (the STBP code's ×0.1 every K epochs: gamma=0.1)
 *   cosine:warmup=W,min=M    s &lt; W·N:  lr0 · (s+1)/(W·N)          (linear warm-up over W epochs, at most E-1)
 *                            else:     M + (lr0-M)·(1 + cos(π·(s-W·N)/(E·N-W·N)))/2
 * </pre>
 *
 * Rates are computed in double and rounded to float once. {@link #learningRate()} is the rate last applied, e.g.
 * for a learning curve.
 */
public final class LrSchedule {
  /** The schedule names {@link #parse} accepts. */
  public static final List<String> NAMES = List.of("constant", "step", "cosine");

  private final String name;
  private final PluginParams params;
  private final double base;
  private final int epochs;
  private final int batchesPerEpoch;
  private final int every;
  private final double gamma;
  private final int warmup;
  private final double min;
  private float current;

  private LrSchedule(String name, PluginParams params, float base, int epochs, int batchesPerEpoch) {
    this.name = name;
    this.params = params;
    this.base = base;
    this.epochs = epochs;
    this.batchesPerEpoch = batchesPerEpoch;
    this.every = name.equals("step") ? params.getIntIn("every", 1, Integer.MAX_VALUE) : 0;
    this.gamma = name.equals("step") ? params.getDouble("gamma") : 1;
    // a run shortened below its warm-up (a recipe with --epochs 1) still anneals over its last epoch
    this.warmup = name.equals("cosine") ? Math.min(params.getIntIn("warmup", 0, Integer.MAX_VALUE), epochs - 1) : 0;
    this.min = name.equals("cosine") ? params.getDouble("min") : 0;
    this.current = base;
  }

  /**
   * Parses {@code NAME[:key=value,...]}: {@code constant}, {@code step:every=K[,gamma=G]} (G 0.1 by default),
   * {@code cosine[:warmup=W][,min=M]} (W 0 epochs and M 0 by default).
   *
   * @param base the learning rate the schedule scales ({@code --lr})
   * @param epochs the run's epochs
   * @param batchesPerEpoch batches in each epoch
   * @throws IllegalArgumentException for an unknown name, listing the known ones, or a bad parameter, naming it
   */
  public static LrSchedule parse(String text, float base, int epochs, int batchesPerEpoch) {
    Optimizers.checkLearningRate(base);
    if (epochs < 1 || batchesPerEpoch < 1) {
      throw new IllegalArgumentException("a schedule needs epochs and batches per epoch > 0, got " + epochs + " and "
          + batchesPerEpoch);
    }
    try {
      PluginSpec spec = PluginSpec.parse(text.trim());
      String name = spec.name().toLowerCase(Locale.ROOT);
      PluginParams p;
      switch (name) {
        case "constant":
          p = PluginParams.of(name, Map.of(), spec.params());
          break;
        case "step":
          p = PluginParams.of(name, Map.of("every", "", "gamma", "0.1"), spec.params());
          if (p.get("every").isEmpty()) {
            throw new IllegalArgumentException("step: give every=K, the epochs between two decays (e.g. step:every=30)");
          }
          p.getIntIn("every", 1, Integer.MAX_VALUE);
          p.getDoubleIn("gamma", Double.MIN_VALUE, 1);
          break;
        case "cosine":
          p = PluginParams.of(name, Map.of("warmup", "0", "min", "0"), spec.params());
          p.getIntIn("warmup", 0, Integer.MAX_VALUE);
          p.getDoubleIn("min", 0, base);
          break;
        default:
          throw new IllegalArgumentException("unknown schedule '" + spec.name() + "'; known: " + String.join(", ",
              NAMES));
      }
      return new LrSchedule(name, p, base, epochs, batchesPerEpoch);
    } catch (PluginException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The learning rate of batch {@code batch} (from 0) of epoch {@code epoch} (from 1). */
  public float at(int epoch, int batch) {
    if (epoch < 1 || epoch > epochs || batch < 0 || batch >= batchesPerEpoch) {
      throw new IllegalArgumentException("batch " + batch + " of epoch " + epoch + " is outside the run's " + epochs
          + " epochs of " + batchesPerEpoch + " batches");
    }
    switch (name) {
      case "step":
        return (float) (base * Math.pow(gamma, (epoch - 1) / every));
      case "cosine": {
        long warm = (long) warmup * batchesPerEpoch;
        long s = (long) (epoch - 1) * batchesPerEpoch + batch;
        if (s < warm) {
          return (float) (base * (s + 1) / warm);
        }
        double progress = (double) (s - warm) / ((long) epochs * batchesPerEpoch - warm);
        return (float) (min + (base - min) * (1 + Math.cos(Math.PI * progress)) / 2);
      }
      default:
        return (float) base;
    }
  }

  /** Sets the optimizer's learning rate for batch {@code batch} of epoch {@code epoch}, see {@link #at}. */
  public void apply(Optimizer optimizer, int epoch, int batch) {
    current = at(epoch, batch);
    optimizer.setLearningRate(current);
  }

  /** The learning rate last {@linkplain #apply applied}; the base rate before the first. */
  public float learningRate() {
    return current;
  }

  /** The schedule as {@link #parse} reads it, with every parameter. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    for (String key : new TreeMap<>(params.asMap()).keySet()) {
      sb.append(sb.length() == name.length() ? ':' : ',').append(key).append('=').append(params.get(key));
    }
    return sb.toString();
  }
}
