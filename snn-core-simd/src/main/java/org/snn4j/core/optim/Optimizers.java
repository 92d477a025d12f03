package org.snn4j.core.optim;

import java.util.Locale;
import org.snn4j.api.Optimizer;
import org.snn4j.core.memory.Footprint;

/** The built-in optimizers by name. */
public final class Optimizers {
  private Optimizers() {}

  /**
   * {@code adam} (PyTorch defaults) or {@code sgd} (momentum 0.9), ignoring case.
   *
   * @throws IllegalArgumentException for another name, listing the known ones, or a learning rate ≤ 0
   */
  public static Optimizer byName(String name, float learningRate) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "adam":
        return new Adam(learningRate);
      case "sgd":
        return new Sgd(learningRate, 0.9f);
      default:
        throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: adam, sgd");
    }
  }

  /**
   * Adds the state {@code optimizer} keeps for parameters of the given lengths: Adam's two moments, SGD's momentum
   * buffer; for an optimizer it does not know, two arrays per parameter, like Adam.
   */
  public static void footprint(Footprint f, Optimizer optimizer, long... parameterLengths) {
    int arrays = optimizer instanceof Sgd sgd ? sgd.stateArrays() : Adam.STATE_ARRAYS;
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
