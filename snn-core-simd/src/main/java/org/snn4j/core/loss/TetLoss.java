package org.snn4j.core.loss;

import org.snn4j.api.Loss;

/**
 * TET, the temporal efficient training loss (Deng et al. 2022, without its MSE regularizer): a loss on every time
 * step's output, averaged over the steps, instead of the loss of the outputs averaged over the steps:
 *
 * <pre>
 *   L = (1/T) Σ_t loss(s[t])          dL/ds[t] = (1/T) · dloss/ds(s[t])
 * </pre>
 *
 * where {@code s[t]} {@code [B][K]} are step {@code t}'s scores (the last layer's spikes, or the membrane of a
 * membrane readout). The trainer ({@code StbpTrainer}) recognises this loss and calls {@link #perStep()} on each
 * step; {@link #evaluate} on the mean scores (as an evaluation reports the loss) is the per-step loss's.
 */
public final class TetLoss implements Loss {
  private final Loss perStep;

  /** TET over {@code perStep}. */
  public TetLoss(Loss perStep) {
    this.perStep = perStep;
  }

  /** The loss of each step. */
  public Loss perStep() {
    return perStep;
  }

  /** {@code tet-} and the per-step loss's name, e.g. {@code tet-ce}. */
  @Override
  public String name() {
    return "tet-" + perStep.name();
  }

  /** The per-step loss on the mean scores (what an evaluation, which keeps no steps, reports). */
  @Override
  public float evaluate(float[] rates, int[] labels, int batch, int classes, float[] gradient) {
    return perStep.evaluate(rates, labels, batch, classes, gradient);
  }
}
