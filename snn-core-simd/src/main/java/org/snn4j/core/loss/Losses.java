package org.snn4j.core.loss;

import java.util.List;
import java.util.Locale;
import org.snn4j.api.Loss;

/** The built-in losses by name. */
public final class Losses {
  /** The names {@link #byName} accepts. */
  public static final List<String> NAMES = List.of("ce", "mse", "tet-ce", "tet-mse");

  private Losses() {}

  /**
   * {@code mse}, {@code ce}, or TET ({@link TetLoss}) over either: {@code tet-ce}, {@code tet-mse}; ignoring case.
   *
   * @throws IllegalArgumentException for another name, listing the known ones
   */
  public static Loss byName(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "mse":
        return new MseRateLoss();
      case "ce":
        return new CrossEntropyRateLoss();
      case "tet-ce":
        return new TetLoss(new CrossEntropyRateLoss());
      case "tet-mse":
        return new TetLoss(new MseRateLoss());
      default:
        throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + String.join(", ", NAMES));
    }
  }
}
