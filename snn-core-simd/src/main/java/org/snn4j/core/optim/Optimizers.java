package org.snn4j.core.optim;

import java.util.List;
import java.util.Locale;
import org.snn4j.api.Optimizer;
import org.snn4j.core.memory.Footprint;

/** The built-in optimizers by name. */
public final class Optimizers {
  /** The names {@link #byName} accepts. */
  public static final List<String> NAMES = List.of("adam", "sgd", "adamw", "nesterov");

  /** AdamW's weight decay when none is given: PyTorch's default. */
  public static final float ADAMW_DEFAULT_WEIGHT_DECAY = 0.01f;

  private Optimizers() {}

  /**
   * {@link #byName(String, float, Float)} with the optimizer's default weight decay.
   *
   * @throws IllegalArgumentException for another name, listing the known ones, or a learning rate ≤ 0
   */
  public static Optimizer byName(String name, float learningRate) {
    return byName(name, learningRate, null);
  }

  /**
   * {@code adam} (PyTorch defaults), {@code adamw} (decoupled weight decay, 0.01 unless given), {@code sgd}
   * (momentum 0.9) or {@code nesterov} (SGD with Nesterov momentum 0.9), ignoring case.
   *
   * @param weightDecay the weight decay, or null for the optimizer's default (0 but for adamw); adam takes none
   * @throws IllegalArgumentException for another name, listing the known ones, a learning rate ≤ 0, a weight decay
   *     &lt; 0, or a weight decay for adam (use adamw)
   */
  public static Optimizer byName(String name, float learningRate, Float weightDecay) {
    float wd = weightDecay == null ? 0f : weightDecay;
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "adam":
        if (wd != 0f) {
          throw new IllegalArgumentException("adam takes no weight decay here; use adamw (decoupled weight decay)");
        }
        return new Adam(learningRate);
      case "adamw":
        return Adam.adamW(learningRate, weightDecay == null ? ADAMW_DEFAULT_WEIGHT_DECAY : wd);
      case "sgd":
        return new Sgd(learningRate, 0.9f, false, wd);
      case "nesterov":
        return new Sgd(learningRate, 0.9f, true, wd);
      default:
        throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + String.join(", ", NAMES));
    }
  }

  /**
   * Adds the state {@code optimizer} keeps for parameters of the given lengths: Adam's two moments, SGD's momentum
   * buffer; for an optimizer it does not know, two arrays per parameter, like Adam.
   */
  public static void footprint(Footprint f, Optimizer optimizer, long... parameterLengths) {
    int arrays = optimizer instanceof CheckpointableOptimizer c ? c.stateArrays() : Adam.STATE_ARRAYS;
    for (long length : parameterLengths) {
      for (int a = 0; a < arrays; a++) {
        f.floats("the " + optimizer.name() + " optimizer's state (one per weight)", length, false);
      }
    }
  }

  static void checkLearningRate(float lr) {
    if (!(lr > 0) || !Float.isFinite(lr)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
    }
  }
}
