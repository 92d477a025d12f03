package org.snn4j.core.train;

import org.snn4j.core.loss.MseRateLoss;
import org.snn4j.core.net.StbpTrainer;
import org.snn4j.core.parallel.WorkerPool;

/** Shared small training set-up for tests outside this package. */
public final class TestData {
  private TestData() {}

  public static PatternDataset train() {
    return new PatternDataset(400, 40, 4, 1);
  }

  public static PatternDataset test() {
    return new PatternDataset(200, 40, 4, 2);
  }

  public static TrainingLoop loop(StbpTrainer trainer, WorkerPool pool) {
    return new TrainingLoop(trainer, new BernoulliTestEncoder(), new MseRateLoss(), 8, 20, 11, pool);
  }
}
