package org.snn4j.core.loss;

import java.util.List;
import java.util.Locale;
import org.snn4j.api.Loss;

/** The built-in losses by name. */
public final class Losses {
  /** The names {@link #byName} accepts. */
  public static final List<String> NAMES = List.of("ce", "mse", "mse-count", "tet-ce", "tet-mse");

  private Losses() {}

  /**
   * {@code mse}, {@code ce}, or TET ({@link TetLoss}) over either: {@code tet-ce}, {@code tet-mse}; ignoring case.
   * {@code mse-count} depends on the time steps: use {@link #byName(String, int)}.
   *
   * @throws IllegalArgumentException for another name, listing the known ones, and for {@code mse-count}
   */
  public static Loss byName(String name) {
    if (name.trim().equalsIgnoreCase("mse-count")) {
      throw new IllegalArgumentException("loss mse-count compares spike counts over T steps: it needs T"
          + " (Losses.byName(name, timesteps))");
    }
    return byName(name, 1);
  }

  /**
   * The loss {@code name} (any of {@link #NAMES}, ignoring case) for samples of {@code timesteps} steps: {@code
   * mse-count} ({@link MseCountLoss}) counts spikes over them; the others do not depend on them.
   *
   * @throws IllegalArgumentException for another name, listing the known ones, or {@code timesteps < 1}
   */
  public static Loss byName(String name, int timesteps) {
    if (timesteps < 1) {
      throw new IllegalArgumentException("timesteps must be >= 1, got " + timesteps);
    }
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "mse-count":
        return new MseCountLoss(timesteps);
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
